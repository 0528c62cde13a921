using System.Text.Json;

namespace JobGateway.Simulator.Json;

/// <summary>Typed reads of request fields whose failures name the field and what was expected.</summary>
internal static class JsonFields
{
    public static void ExpectObject(JsonElement element, string path)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw Invalid(path, "a JSON object", element);
        }
    }

    public static string String(JsonElement element, string path) =>
        element.ValueKind == JsonValueKind.String ? element.GetString()! : throw Invalid(path, "a string", element);

    public static string[] Strings(JsonElement element, string path)
    {
        if (element.ValueKind != JsonValueKind.Array)
        {
            throw Invalid(path, "an array of strings", element);
        }

        var values = new string[element.GetArrayLength()];
        var i = 0;
        foreach (var item in element.EnumerateArray())
        {
            values[i] = String(item, $"{path}[{i}]");
            i++;
        }

        return values;
    }

    public static double Number(JsonElement element, string path) =>
        element.ValueKind == JsonValueKind.Number ? element.GetDouble() : throw Invalid(path, "a number", element);

    public static int Integer(JsonElement element, string path) =>
        element.ValueKind == JsonValueKind.Number && element.TryGetInt32(out var value) ? value : throw Invalid(path, "an integer", element);

    public static bool Boolean(JsonElement element, string path) =>
        element.ValueKind is JsonValueKind.True or JsonValueKind.False ? element.GetBoolean() : throw Invalid(path, "true or false", element);

    public static Dictionary<string, JsonElement> Fields(JsonElement element, string path)
    {
        ExpectObject(element, path);
        var fields = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var property in element.EnumerateObject())
        {
            fields[property.Name] = property.Value.Clone();
        }

        return fields;
    }

    public static SimulatorValidationException UnknownField(string path, string name, string expected) =>
        new($"{Join(path, name)} is not a known field; expected {expected}");

    public static string Join(string path, string name) => path.Length == 0 ? name : $"{path}.{name}";

    private static SimulatorValidationException Invalid(string path, string expected, JsonElement actual) =>
        new($"{path} must be {expected}, not {Describe(actual)}");

    private static string Describe(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => $"the string \"{element.GetString()}\"",
        JsonValueKind.Null => "null",
        _ => element.GetRawText(),
    };
}

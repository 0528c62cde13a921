using System.Text.Json;

namespace JobGateway.Fuzz.Replay;

/// <summary>
/// Where the values, properties and objects of a (possibly broken) JSON text are, as byte ranges. A text that
/// stops parsing half-way still yields everything before the break, so mutations keep working on damaged inputs.
/// </summary>
internal sealed class JsonLayout
{
    public List<ValueRange> Values { get; } = [];

    public List<PropertyRange> Properties { get; } = [];

    public List<ValueRange> Objects { get; } = [];

    public static JsonLayout Scan(byte[] json)
    {
        var layout = new JsonLayout();
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = 4096 });
        var open = new Stack<(int Start, int? NameStart, int NameEnd)>();
        (int Start, int End)? pendingName = null;
        try
        {
            while (reader.Read())
            {
                var start = (int)reader.TokenStartIndex;
                switch (reader.TokenType)
                {
                    case JsonTokenType.PropertyName:
                        pendingName = (start, start + reader.ValueSpan.Length + 2);
                        break;
                    case JsonTokenType.StartObject:
                    case JsonTokenType.StartArray:
                        open.Push((start, pendingName?.Start, pendingName?.End ?? 0));
                        pendingName = null;
                        break;
                    case JsonTokenType.EndObject:
                    case JsonTokenType.EndArray:
                        {
                            var (containerStart, nameStart, nameEnd) = open.Pop();
                            var end = (int)reader.BytesConsumed;
                            var range = new ValueRange(containerStart, end, reader.TokenType == JsonTokenType.EndObject ? JsonTokenType.StartObject : JsonTokenType.StartArray);
                            layout.Values.Add(range);
                            if (range.Kind == JsonTokenType.StartObject)
                            {
                                layout.Objects.Add(range);
                            }

                            if (nameStart is { } name)
                            {
                                layout.Properties.Add(new PropertyRange(name, nameEnd, end));
                            }

                            break;
                        }

                    default:
                        {
                            var end = (int)reader.BytesConsumed;
                            layout.Values.Add(new ValueRange(start, end, reader.TokenType));
                            if (pendingName is { } name)
                            {
                                layout.Properties.Add(new PropertyRange(name.Start, name.End, end));
                            }

                            pendingName = null;
                            break;
                        }
                }
            }
        }
        catch (JsonException)
        {
            // A broken tail: keep what was read before it.
        }

        return layout;
    }
}

/// <summary>A JSON value's bytes, <c>[Start, End)</c>.</summary>
internal readonly record struct ValueRange(int Start, int End, JsonTokenType Kind)
{
    public int Length => End - Start;
}

/// <summary>A <c>"name": value</c> pair: the quoted name is <c>[Start, NameEnd)</c>, the whole pair <c>[Start, End)</c>.</summary>
internal readonly record struct PropertyRange(int Start, int NameEnd, int End)
{
    public int Length => End - Start;
}

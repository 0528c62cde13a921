using System.Text;

namespace JobGateway.Fuzz.Replay;

/// <summary>
/// Edits a job object as JSON: swaps a value for one of another type (or one taken from another seed),
/// duplicates, drops, adds or renames a property, wraps a value in more nesting.
/// </summary>
internal sealed class JsonMutator : IStructuredMutator
{
    public byte[]? Mutate(byte[] input, IReadOnlyList<byte[]> corpus, Random random)
    {
        var layout = JsonLayout.Scan(input);
        if (layout.Values.Count == 0)
        {
            return null;
        }

        switch (random.Next(8))
        {
            case 0:
            case 1:
                {
                    var value = random.Pick(layout.Values);
                    return Bytes.Replace(input, value.Start, value.Length, random.Pick(JsonDictionary.Literals));
                }

            case 2:
                {
                    var value = random.Pick(layout.Values);
                    var donor = random.Pick(corpus);
                    var donorValues = JsonLayout.Scan(donor).Values;
                    if (donorValues.Count == 0)
                    {
                        return null;
                    }

                    var graft = random.Pick(donorValues);
                    return Bytes.Replace(input, value.Start, value.Length, donor.AsSpan(graft.Start, graft.Length));
                }

            case 3:
                {
                    if (layout.Properties.Count == 0)
                    {
                        return null;
                    }

                    // A duplicate key, either verbatim or with a different value: last one wins in the mapper.
                    var property = random.Pick(layout.Properties);
                    var copy = random.Next(2) == 0
                        ? input.AsSpan(property.Start, property.Length).ToArray()
                        : Bytes.Concat(input[property.Start..property.NameEnd], ":"u8.ToArray(), random.Pick(JsonDictionary.Literals));
                    return Bytes.Insert(input, property.End, Bytes.Concat(","u8.ToArray(), copy));
                }

            case 4:
                {
                    if (layout.Properties.Count == 0)
                    {
                        return null;
                    }

                    var property = random.Pick(layout.Properties);
                    return JsonEdits.RemoveWithComma(input, property.Start, property.End);
                }

            case 5:
                {
                    if (layout.Objects.Count == 0)
                    {
                        return null;
                    }

                    var target = random.Pick(layout.Objects);
                    var isEmpty = input.AsSpan(target.Start + 1, target.Length - 2).Trim(" \t\r\n"u8).Length == 0;
                    var property = Bytes.Concat(random.Pick(JsonDictionary.Names), ":"u8.ToArray(), random.Pick(JsonDictionary.Literals), isEmpty ? [] : ","u8.ToArray());
                    return Bytes.Insert(input, target.Start + 1, property);
                }

            case 6:
                {
                    if (layout.Properties.Count == 0)
                    {
                        return null;
                    }

                    var property = random.Pick(layout.Properties);
                    return Bytes.Replace(input, property.Start, property.NameEnd - property.Start, random.Pick(JsonDictionary.Names));
                }

            default:
                {
                    var value = random.Pick(layout.Values);
                    var depth = 1 + random.Next(random.Next(2) == 0 ? 4 : 40);
                    var (open, close) = random.Next(2) == 0 ? ("[", "]") : ("{\"n\":", "}");
                    var wrapped = Bytes.Concat(
                        Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat(open, depth))),
                        input.AsSpan(value.Start, value.Length).ToArray(),
                        Encoding.ASCII.GetBytes(new string(close[0], depth)));
                    return Bytes.Replace(input, value.Start, value.Length, wrapped);
                }
        }
    }
}

using System.Text;
using Google.Protobuf;
using JobGateway.Upstream;

namespace JobGateway.Tests.Upstream;

/// <summary>Inputs the fuzz harness (tests/JobGateway.Fuzz) found; each once broke the mapper's contract.</summary>
public sealed class UpstreamJobMapperRegressionTests
{
    private const string JobId = "0b6f3c1e-8f9a-4a57-9d3c-2f1e4b5a6c7d";

    [Theory]
    [InlineData(new byte[] { (byte)'{', (byte)'"', 0x81, (byte)'"', (byte)':', (byte)'"', (byte)'"', (byte)'}' })]
    [InlineData(new byte[] { (byte)'{', (byte)'"', (byte)'c', (byte)'r', (byte)'e', (byte)'a', (byte)'t', (byte)'e', (byte)'d', (byte)'_', (byte)'a', (byte)'t', (byte)'"', (byte)':', (byte)'"', 0xF4, (byte)'"', (byte)'}' })]
    public void Map_InvalidUtf8InsideAString_IsAnInvalidResponse(byte[] body)
    {
        var error = Assert.Throws<UpstreamException>(() => UpstreamJobMapper.Map(body, JobId));

        Assert.Equal(UpstreamFailureKind.InvalidResponse, error.Kind);
        Assert.Contains("not valid Unicode", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"\\ud800\":{}}")]
    [InlineData("{\"\\udd00\":\"\"}")]
    [InlineData("{\"job_id\":\"\\ud80b\"}")]
    [InlineData("{\"status\":\"\\ud800\\ud800\"}")]
    [InlineData("{\"x\":\"\\udc00\"}")]
    [InlineData("{\"x\":{\"\\ud800\":[]}}")]
    [InlineData("{\"result\":{\"urls\":[\"\\ud800\"]}}")]
    [InlineData("{\"result\":{\"\\udc00\":4}}")]
    public void Map_LoneSurrogateEscape_IsAnInvalidResponse(string json)
    {
        var error = Assert.Throws<UpstreamException>(() => UpstreamJobMapper.Map(Encoding.UTF8.GetBytes(json), JobId));

        Assert.Equal(UpstreamFailureKind.InvalidResponse, error.Kind);
    }

    [Fact]
    public void Map_EmptyKeys_AreDroppedSoTheJobStaysPrintableAsJson()
    {
        var job = UpstreamJobMapper.Map(Encoding.UTF8.GetBytes($"{{\"\":1,\"job_id\":\"{JobId}\",\"status\":\"queued\",\"x\":{{\"\":2,\"y\":3}}}}"), JobId);

        var json = JsonFormatter.Default.Format(job);

        Assert.Contains("\"y\": 3", json, StringComparison.Ordinal);
        Assert.False(job.Extra.Fields.ContainsKey(string.Empty));
    }

    [Fact]
    public void Map_NumberBeyondDoubleRange_KeepsItsText()
    {
        var job = UpstreamJobMapper.Map(Encoding.UTF8.GetBytes($"{{\"job_id\":\"{JobId}\",\"status\":\"queued\",\"big\":1e400}}"), JobId);

        Assert.Equal("1e400", job.Extra.Fields["big"].StringValue);
    }
}

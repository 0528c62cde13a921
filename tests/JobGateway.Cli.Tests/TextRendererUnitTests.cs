using JobGateway.Cli.Output;
using JobGateway.V1;

namespace JobGateway.Cli.Tests;

public sealed class TextRendererUnitTests
{
    [Theory]
    [InlineData(JobState.Completed, "COMPLETED")]
    [InlineData(JobState.IntermediateComplete, "INTERMEDIATE_COMPLETE")]
    [InlineData(JobState.Unspecified, "UNSPECIFIED")]
    [InlineData((JobState)42, "42")]
    public void StateName_IsTheProtoNameWithoutPrefix(JobState state, string expected) =>
        Assert.Equal(expected, TextRenderer.StateName(state));
}

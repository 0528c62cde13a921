using Grpc.Core;
using JobGateway.Grpc;

namespace JobGateway.Tests.Grpc;

/// <summary>Inputs the fuzz harness found that the validator accepted or echoed badly.</summary>
public sealed class JobIdValidatorTests
{
    [Theory]
    [InlineData("0x6f3c1e-8f9a-4a57-9d3c-2f1e4b5a6c7d")]
    [InlineData("+b6f3c1e-8f9a-4a57-9d3c-2f1e4b5a6c7d")]
    [InlineData("0b6f3c1e-8f9a-4a57-9d3c-+6e1e901b757")]
    public void Validate_LegacyGuidForms_AreRejectedNotRewritten(string jobId)
    {
        var error = Assert.Throws<RpcException>(() => JobIdValidator.Validate(jobId));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
    }

    [Fact]
    public void Validate_LongInputEndingInAnEmojiAtTheCut_EchoesNoHalfCharacter()
    {
        var error = Assert.Throws<RpcException>(() => JobIdValidator.Validate(new string('x', 47) + "🎨" + new string('y', 20)));

        Assert.DoesNotContain(error.Status.Detail, c => char.IsSurrogate(c));
    }

    [Fact]
    public void Validate_BidiOverride_IsNotEchoed()
    {
        var error = Assert.Throws<RpcException>(() => JobIdValidator.Validate("abc\u202Edef"));

        Assert.DoesNotContain('\u202E', error.Status.Detail);
    }
}

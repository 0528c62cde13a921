using CsCheck;
using Grpc.Core;
using JobGateway.Grpc;

namespace JobGateway.Tests.Properties;

public sealed class JobIdValidatorPropertyTests
{
    [Fact]
    public void Validate_AnyString_AcceptsOnlyCanonicalUuidsAndExplainsEveryRejection() =>
        Gen.OneOf(Gen.String, Gen.String["0123456789abcdefABCDEF-"], Gen.Char.Array[0, 60].Select(c => new string(c)), Gen.Guid.Select(g => g.ToString("D").ToUpperInvariant()))
            .Sample(input =>
            {
                try
                {
                    var id = JobIdValidator.Validate(input);
                    Assert.True(Guid.TryParseExact(id, "D", out var parsed));
                    Assert.Equal(parsed.ToString("D"), id);
                    Assert.Equal(input.ToLowerInvariant(), id);
                }
                catch (RpcException ex)
                {
                    Assert.Equal(StatusCode.InvalidArgument, ex.StatusCode);
                    Assert.Contains("job_id", ex.Status.Detail, StringComparison.Ordinal);
                    Assert.True(ex.Status.Detail.Length < 300);
                    Assert.DoesNotContain(ex.Status.Detail, c => char.IsControl(c));
                }
            }, iter: 5000);

    [Fact]
    public void Validate_AnyGuid_RoundTripsInEveryCase() =>
        Gen.Guid.Sample(guid =>
        {
            Assert.Equal(guid.ToString("D"), JobIdValidator.Validate(guid.ToString("D")));
            Assert.Equal(guid.ToString("D"), JobIdValidator.Validate(guid.ToString("D").ToUpperInvariant()));
        });
}

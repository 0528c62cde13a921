using System.Text;
using System.Text.Json.Nodes;
using CsCheck;
using JobGateway.Upstream;
using JobGateway.V1;

namespace JobGateway.Tests.Properties;

/// <summary>Properties of the upstream JSON mapper over generated inputs (CsCheck shrinks any counterexample).</summary>
public sealed class UpstreamJobMapperPropertyTests
{
    private const string JobId = "0b6f3c1e-8f9a-4a57-9d3c-2f1e4b5a6c7d";

    private static readonly string[] Statuses =
        ["backlogged", "queued", "scheduled", "processing", "sampling", "intermediate-complete", "completed", "failed", "cancelled", "warming-up", "COMPLETED", "queued "];

    private static readonly Gen<JsonNode?> Scalar = Gen.OneOf(
        Gen.String.Select(s => (JsonNode?)JsonValue.Create(s)),
        Gen.Double.Where(double.IsFinite).Select(d => (JsonNode?)JsonValue.Create(d)),
        Gen.Bool.Select(b => (JsonNode?)JsonValue.Create(b)),
        Gen.Const((JsonNode?)null));

    private static readonly Gen<JsonNode?> Value = Gen.Recursive<JsonNode?>((depth, self) => depth >= 3
        ? Scalar
        : Gen.Frequency(
            (4, Scalar),
            (1, self.Array[0, 3].Select(items => (JsonNode?)new JsonArray([.. items.Select(i => i?.DeepClone())]))),
            (1, Gen.Select(Gen.String[1, 8], self).Array[0, 3].Select(pairs => (JsonNode?)new JsonObject(pairs.DistinctBy(p => p.Item1).Select(p => KeyValuePair.Create(p.Item1, p.Item2?.DeepClone())))))));

    private static readonly Gen<JsonObject> JobObject =
        Gen.Select(Gen.OneOf(Statuses), Gen.Select(Gen.Char["abcdefghijklmnopqrstuvwxyz0123456789"].Array[1, 12].Select(k => "x_" + new string(k)), Value).Array[0, 5], Gen.Bool, Gen.Bool)
            .Select((status, extras, withResult, withTimes) =>
            {
                var job = new JsonObject { ["job_id"] = JobId, ["status"] = status };
                if (withTimes)
                {
                    job["created_at"] = "2026-01-02T03:04:05Z";
                    job["completed_at"] = null;
                }

                if (withResult)
                {
                    job["result"] = new JsonObject { ["urls"] = new JsonArray("https://sim.invalid/0.png"), ["seed"] = 7 };
                }

                foreach (var (key, value) in extras)
                {
                    job[key] = value?.DeepClone();
                }

                return job;
            });

    [Fact]
    public void Map_AnyValidJobObject_KeepsEveryUnnamedFieldAndTheRawStatus() =>
        JobObject.Sample(json =>
        {
            var job = UpstreamJobMapper.Map(Encoding.UTF8.GetBytes(json.ToJsonString()), JobId);
            var unnamed = json.Select(p => p.Key).Where(k => k.StartsWith("x_", StringComparison.Ordinal)).ToHashSet();

            Assert.Equal(json["status"]!.GetValue<string>(), job.UpstreamStatus);
            Assert.Equal(unnamed, (job.Extra?.Fields.Keys ?? []).ToHashSet());
            Assert.Equal(JobStatusTable.ToState(job.UpstreamStatus), job.State);
        }, iter: 2000);

    [Fact]
    public void Map_AnyJsonValueAtAnyField_ReturnsAJobOrRejectsItCleanly() =>
        Gen.Select(JobObject, Gen.OneOf("job_id", "status", "created_at", "completed_at", "result"), Value).Sample((json, field, value) =>
        {
            json[field] = value?.DeepClone();
            try
            {
                var job = UpstreamJobMapper.Map(Encoding.UTF8.GetBytes(json.ToJsonString()), JobId);
                Assert.Equal(JobId, job.JobId);
            }
            catch (UpstreamException ex)
            {
                Assert.Equal(UpstreamFailureKind.InvalidResponse, ex.Kind);
                Assert.StartsWith("The upstream returned an invalid job object", ex.Message, StringComparison.Ordinal);
            }
        }, iter: 3000);

    [Fact]
    public void Map_AnyBytes_NeverThrowsAnythingButUpstreamException() =>
        Gen.Byte.Array[0, 300].Sample(bytes =>
        {
            try
            {
                UpstreamJobMapper.Map(bytes, JobId);
            }
            catch (UpstreamException)
            {
            }
        }, iter: 5000);

    [Fact]
    public void Map_SameInputTwice_GivesEqualJobs() =>
        JobObject.Sample(json =>
        {
            var bytes = Encoding.UTF8.GetBytes(json.ToJsonString());
            Assert.Equal(UpstreamJobMapper.Map(bytes, JobId), UpstreamJobMapper.Map(bytes, JobId));
        }, iter: 500);

    [Fact]
    public void Map_TerminalStatuses_AreTerminalAndOnlyThose() =>
        Gen.OneOf(Statuses).Sample(status =>
        {
            var job = UpstreamJobMapper.Map(Encoding.UTF8.GetBytes($"{{\"job_id\":\"{JobId}\",\"status\":\"{status}\"}}"), JobId);
            Assert.Equal(status is "completed" or "failed" or "cancelled", JobGateway.Polling.JobStates.IsTerminal(job.State));
        });
}

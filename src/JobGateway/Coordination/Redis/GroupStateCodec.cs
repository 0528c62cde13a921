using Google.Protobuf;
using Grpc.Core;
using JobGateway.Coordination.Redis.Records;

namespace JobGateway.Coordination.Redis;

/// <summary>GroupState to and from its Redis record.</summary>
internal static class GroupStateCodec
{
    public static GroupStateRecord ToRecord(GroupState state)
    {
        var record = new GroupStateRecord
        {
            Sequence = state.Sequence,
            PolledAtTicks = state.PolledAt.UtcTicks,
            NextPollAtTicks = state.NextPollAt.UtcTicks,
            IntervalTicks = state.Interval.Ticks,
            WatchStartedAtTicks = state.WatchStartedAt.UtcTicks,
            Epoch = state.Epoch,
        };
        record.Answered.AddRange(state.Answered);
        if (state.Job is not null)
        {
            record.Job = state.Job;
        }

        if (state.Failure is { } failure)
        {
            record.FailureCode = (int)failure.Code;
            record.FailureMessage = failure.Message;
            record.FailureAtTicks = failure.At.UtcTicks;
        }

        return record;
    }

    public static GroupState FromRecord(GroupStateRecord record) => new(
        Sequence: record.Sequence,
        Job: record.Job,
        PolledAt: FromTicks(record.PolledAtTicks),
        NextPollAt: FromTicks(record.NextPollAtTicks),
        Interval: TimeSpan.FromTicks(record.IntervalTicks),
        WatchStartedAt: FromTicks(record.WatchStartedAtTicks),
        Failure: record.FailureCode == 0 ? null : new PollFailure((StatusCode)record.FailureCode, record.FailureMessage, FromTicks(record.FailureAtTicks)),
        Epoch: record.Epoch)
    {
        Answered = [.. record.Answered],
    };

    public static GroupState? Decode(byte[]? bytes) =>
        bytes is null || bytes.Length == 0 ? null : FromRecord(GroupStateRecord.Parser.ParseFrom(bytes));

    public static byte[] Encode(GroupState state) => ToRecord(state).ToByteArray();

    private static DateTimeOffset FromTicks(long ticks) => new(ticks, TimeSpan.Zero);
}

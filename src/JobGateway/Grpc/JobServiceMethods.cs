using Google.Protobuf;
using Grpc.Core;
using JobGateway.Polling;
using JobGateway.V1;

namespace JobGateway.Grpc;

/// <summary>
/// The method descriptors of <c>jobgateway.v1.JobService</c> as the server binds them. They match the
/// generated ones on the wire; WatchJob's response marshaller writes the frame that the poll group
/// serialized once per change (<see cref="JobSnapshot.Frame"/>) instead of serializing per stream.
/// </summary>
internal static class JobServiceMethods
{
    private static readonly string ServiceName = JobService.Descriptor.FullName;

    public static Method<GetJobRequest, GetJobResponse> GetJob { get; } = new(
        MethodType.Unary, ServiceName, "GetJob", ForMessage(GetJobRequest.Parser), ForMessage(GetJobResponse.Parser));

    public static Method<CancelJobRequest, CancelJobResponse> CancelJob { get; } = new(
        MethodType.Unary, ServiceName, "CancelJob", ForMessage(CancelJobRequest.Parser), ForMessage(CancelJobResponse.Parser));

    public static Method<WatchJobRequest, JobSnapshot> WatchJob { get; } = new(
        MethodType.ServerStreaming, ServiceName, "WatchJob", ForMessage(WatchJobRequest.Parser), Marshallers.Create(
            static (JobSnapshot snapshot, SerializationContext context) => context.Complete(snapshot.Frame),
            static JobSnapshot (DeserializationContext _) => throw new NotSupportedException("The gateway never reads WatchJob responses.")));

    private static Marshaller<T> ForMessage<T>(MessageParser<T> parser)
        where T : IMessage<T>, IBufferMessage =>
        Marshallers.Create(
            static (T message, SerializationContext context) =>
            {
                context.SetPayloadLength(message.CalculateSize());
                message.WriteTo(context.GetBufferWriter());
                context.Complete();
            },
            context => parser.ParseFrom(context.PayloadAsReadOnlySequence()));
}

using JobGateway.Bench.Scenarios;
using JobGateway.Bench.Upstream;

namespace JobGateway.Bench.Analysis;

/// <summary>Upstream GETs per job per poll interval over all jobs of a phase.</summary>
internal sealed record DedupeFigures(long GetsTotal, long GetsInWindow, int IntervalsInWindow, double GetsPerJobPerInterval, IReadOnlyList<JobDedupe> PerJob)
{
    public static DedupeFigures Of(IReadOnlyList<JobRun> jobs)
    {
        var perJob = jobs.Select(Of).ToList();
        var gets = perJob.Sum(j => j.GetsInWindow);
        var intervals = perJob.Sum(j => j.Intervals);
        return new DedupeFigures(perJob.Sum(j => j.GetsTotal), gets, intervals, intervals == 0 ? 0 : Math.Round((double)gets / intervals, 4), perJob);
    }

    private static JobDedupe Of(JobRun job)
    {
        var timeline = job.Timeline;
        var terminal = timeline.Count - 1;
        if (timeline.Count < 2 || timeline[terminal].Status != LifecycleScript.Outcome)
        {
            return new JobDedupe(job.JobId, job.Gets, 0, job.Script.Intervals, 0, 0);
        }

        var inWindow = timeline.Skip(1).Take(terminal - 1).Sum(e => e.Served);
        var window = (timeline[terminal].SetAt - timeline[1].SetAt).TotalSeconds;
        return new JobDedupe(job.JobId, job.Gets, inWindow, job.Script.Intervals, Math.Round(window, 3), Math.Round((double)inWindow / job.Script.Intervals, 4));
    }
}

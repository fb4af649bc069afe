namespace Breakwater.Analysis;

/// <summary>Progress of a long offline job, reported in bytes of input consumed (a terminal bar, a log line, nothing).</summary>
public interface IAnalysisProgress
{
    void Begin(string file, long length);

    void Report(long position, long packets);

    void End();
}

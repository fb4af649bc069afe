namespace Breakwater.Outages.Waves;

/// <summary>A report series (or other outage input file) that cannot be read; the message names the file and line.</summary>
public sealed class ReportInputException : Exception
{
    public ReportInputException(string message)
        : base(message)
    {
    }

    public ReportInputException(string message, Exception inner)
        : base(message, inner)
    {
    }

    public ReportInputException()
    {
    }
}

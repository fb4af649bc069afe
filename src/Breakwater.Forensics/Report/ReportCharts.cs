using System.Globalization;
using System.Text;
using Breakwater.Core.Forensics;

namespace Breakwater.Forensics.Report;

/// <summary>Inline SVG charts (no script, no external files): the per-vector timeline and the country bars.</summary>
internal static class ReportCharts
{
    private const int Width = 1000;
    private const int Height = 260;
    private const int Left = 70;
    private const int Right = 20;
    private const int Top = 16;
    private const int Bottom = 40;

    /// <summary>One line per vector (packets per second), vertical marks for detection and mitigation.</summary>
    public static string Timeline(TimelineReport timeline, IReadOnlyList<(DateTimeOffset Time, string Label)> marks)
    {
        var buckets = timeline.Series.Count == 0 ? 0 : timeline.Series.Max(s => s.Packets.Count);
        if (buckets == 0)
        {
            return "<p class=\"muted\">No per-second series was recorded.</p>";
        }

        var max = Math.Max(1, timeline.Series.Max(s => s.Packets.Count == 0 ? 0 : s.Packets.Max()));
        var spanSeconds = Math.Max(1, buckets * timeline.StepSeconds);
        double X(double seconds) => Left + (seconds / spanSeconds * (Width - Left - Right));
        double Y(double value) => Top + ((1 - (value / max)) * (Height - Top - Bottom));
        var svg = new StringBuilder();
        svg.Append(Invariant($"<svg viewBox=\"0 0 {Width} {Height}\" role=\"img\" aria-label=\"Packets per second by vector\" xmlns=\"http://www.w3.org/2000/svg\">"));
        for (var g = 0; g <= 4; g++)
        {
            var v = max * g / 4.0;
            svg.Append(Invariant($"<line x1=\"{Left}\" x2=\"{Width - Right}\" y1=\"{Y(v):0.#}\" y2=\"{Y(v):0.#}\" stroke=\"#e3e7eb\"/>"));
            svg.Append(Invariant($"<text x=\"{Left - 6}\" y=\"{Y(v) + 4:0.#}\" text-anchor=\"end\">{Html.Rate(v)}</text>"));
        }

        for (var t = 0; t <= 5; t++)
        {
            var seconds = spanSeconds * t / 5.0;
            var time = timeline.Start.AddSeconds(seconds).UtcDateTime;
            svg.Append(Invariant($"<text x=\"{X(seconds):0.#}\" y=\"{Height - Bottom + 16}\" text-anchor=\"middle\">{time:HH:mm:ss}</text>"));
        }

        svg.Append(Invariant($"<text x=\"{Width - Right}\" y=\"{Height - 6}\" text-anchor=\"end\">UTC, {timeline.StepSeconds} s per point</text>"));
        for (var i = 0; i < timeline.Series.Count; i++)
        {
            var series = timeline.Series[i];
            var colour = ReportStyles.Palette[i % ReportStyles.Palette.Length];
            svg.Append(Invariant($"<polyline fill=\"none\" stroke=\"{colour}\" stroke-width=\"1.8\" points=\""));
            for (var b = 0; b < series.Packets.Count; b++)
            {
                svg.Append(Invariant($"{X((b + 0.5) * timeline.StepSeconds):0.#},{Y(series.Packets[b]):0.#} "));
            }

            svg.Append("\"/>");
            svg.Append(Invariant($"<rect x=\"{Left + 10 + (i * 170)}\" y=\"2\" width=\"10\" height=\"10\" fill=\"{colour}\"/>"));
            svg.Append(Invariant($"<text x=\"{Left + 24 + (i * 170)}\" y=\"11\">{Html.Encode(series.Vector)}</text>"));
        }

        foreach (var (time, label) in marks)
        {
            var seconds = (time - timeline.Start).TotalSeconds;
            if (seconds < 0 || seconds > spanSeconds)
            {
                continue;
            }

            svg.Append(Invariant($"<line x1=\"{X(seconds):0.#}\" x2=\"{X(seconds):0.#}\" y1=\"{Top}\" y2=\"{Height - Bottom}\" stroke=\"#B00020\" stroke-dasharray=\"4 3\"/>"));
            svg.Append(Invariant($"<text x=\"{X(seconds) + 4:0.#}\" y=\"{Top + 12}\" fill=\"#B00020\">{Html.Encode(label)}</text>"));
        }

        svg.Append("</svg>");
        return svg.ToString();
    }

    /// <summary>Horizontal bars of the largest countries' packet shares.</summary>
    public static string CountryBars(IReadOnlyList<CountryShare> countries, int top = 15)
    {
        var rows = countries.Take(top).ToList();
        if (rows.Count == 0)
        {
            return "";
        }

        const int rowHeight = 20;
        var height = (rows.Count * rowHeight) + 10;
        var max = Math.Max(0.0001, rows.Max(r => r.Share));
        var svg = new StringBuilder();
        svg.Append(Invariant($"<svg viewBox=\"0 0 480 {height}\" role=\"img\" aria-label=\"Share of packets by source country\" xmlns=\"http://www.w3.org/2000/svg\">"));
        for (var i = 0; i < rows.Count; i++)
        {
            var y = 4 + (i * rowHeight);
            var w = rows[i].Share / max * 330;
            svg.Append(Invariant($"<text x=\"36\" y=\"{y + 13}\" text-anchor=\"end\">{Html.Encode(rows[i].Code)}</text>"));
            svg.Append(Invariant($"<rect x=\"42\" y=\"{y + 2}\" width=\"{w:0.#}\" height=\"{rowHeight - 6}\" fill=\"#0072B2\"/>"));
            svg.Append(Invariant($"<text x=\"{46 + w:0.#}\" y=\"{y + 13}\">{rows[i].Share * 100:0.#} %</text>"));
        }

        svg.Append("</svg>");
        return svg.ToString();
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

namespace Breakwater.Forensics.Report;

/// <summary>The report's only style sheet, inline: readable on screen, clean on paper (no backgrounds needed, no page-split tables).</summary>
internal static class ReportStyles
{
    public const string Css = """
        :root { --ink:#1b1f24; --muted:#5b6470; --line:#d5dae0; --accent:#1f5fae; --warn:#8a4b00; --warnbg:#fff4e0; }
        * { box-sizing: border-box; }
        body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif; color: var(--ink); margin: 0 auto; max-width: 1100px; padding: 24px; }
        h1 { font-size: 22px; margin: 0 0 4px; } h2 { font-size: 17px; margin: 28px 0 8px; border-bottom: 1px solid var(--line); padding-bottom: 4px; }
        .sub { color: var(--muted); margin: 0 0 16px; }
        table { border-collapse: collapse; width: 100%; margin: 6px 0 12px; font-size: 13px; }
        th, td { text-align: left; padding: 4px 8px; border-bottom: 1px solid var(--line); vertical-align: top; }
        th { color: var(--muted); font-weight: 600; } td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
        code, pre { font: 12px/1.4 ui-monospace, "DejaVu Sans Mono", monospace; } pre { white-space: pre-wrap; word-break: break-all; background: #f5f7f9; padding: 8px; margin: 4px 0; }
        .summary { border: 1px solid var(--line); border-left: 4px solid var(--accent); padding: 10px 14px; }
        .summary li { margin: 3px 0; }
        .caveat { border: 1px solid #e6c58f; background: var(--warnbg); color: var(--warn); padding: 8px 12px; margin: 8px 0; }
        .verdict { display: inline-block; padding: 2px 8px; border: 1px solid var(--line); font-weight: 600; }
        .muted { color: var(--muted); } .small { font-size: 12px; }
        svg { max-width: 100%; height: auto; } svg text { font: 11px system-ui, sans-serif; fill: #333; }
        .grid { display: grid; grid-template-columns: 1fr 1fr; gap: 16px; } @media (max-width: 800px) { .grid { grid-template-columns: 1fr; } }
        @media print { body { max-width: none; padding: 0; font-size: 11pt; } h2 { break-after: avoid; } table, svg, .summary, .caveat { break-inside: avoid; } a { color: inherit; text-decoration: none; } }
        """;

    /// <summary>Series colours (colour-blind-safe Okabe–Ito palette), reused in order.</summary>
    public static readonly string[] Palette = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#F0E442", "#000000"];
}

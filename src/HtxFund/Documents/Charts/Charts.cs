using System.Globalization;
using HtxFund.Documents.Layout;
using SkiaSharp;

namespace HtxFund.Documents.Charts;

/// <summary>A named series of values, one per category.</summary>
public sealed record ChartSeries(string Name, IReadOnlyList<double> Values, DocumentColor? Color = null);

/// <summary>Grouped vertical bars: one group per category, one bar per series.</summary>
public sealed record BarChart(string Title, IReadOnlyList<string> Categories, IReadOnlyList<ChartSeries> Series)
{
    public float HeightMm { get; init; } = 75;

    /// <summary>How axis values are written; default: Vietnamese grouping ("1.500").</summary>
    public Func<double, string>? FormatValue { get; init; }

    /// <summary>E.g. "Triệu đồng", written above the value axis.</summary>
    public string? ValueAxisLabel { get; init; }
}

/// <summary>One polyline per series across the categories (e.g. months).</summary>
public sealed record LineChart(string Title, IReadOnlyList<string> Categories, IReadOnlyList<ChartSeries> Series)
{
    public float HeightMm { get; init; } = 75;
    public Func<double, string>? FormatValue { get; init; }
    public string? ValueAxisLabel { get; init; }
}

/// <summary>Draws charts as vectors: axes with tick labels, grid, bars or lines, category labels and a legend.</summary>
internal static class ChartRenderer
{
    private static readonly DocumentColor[] Palette =
    [
        DocumentColor.FromHex("#1F4E79"), DocumentColor.FromHex("#C55A11"), DocumentColor.FromHex("#548235"),
        DocumentColor.FromHex("#7030A0"), DocumentColor.FromHex("#BF9000"), DocumentColor.FromHex("#2E75B6"),
    ];

    private static readonly NumberFormatInfo Vietnamese = new() { NumberGroupSeparator = ".", NumberDecimalSeparator = "," };

    private sealed record Spec(string Title, IReadOnlyList<string> Categories, IReadOnlyList<ChartSeries> Series,
        float HeightMm, Func<double, string>? Format, string? AxisLabel, bool Bars);

    public static IBlock Block(BarChart c) =>
        Block(new Spec(c.Title, c.Categories, c.Series, c.HeightMm, c.FormatValue, c.ValueAxisLabel, Bars: true));

    public static IBlock Block(LineChart c) =>
        Block(new Spec(c.Title, c.Categories, c.Series, c.HeightMm, c.FormatValue, c.ValueAxisLabel, Bars: false));

    private static IBlock Block(Spec spec)
    {
        foreach (var series in spec.Series)
            if (series.Values.Count != spec.Categories.Count)
                throw new ArgumentException($"Series '{series.Name}' has {series.Values.Count} values for {spec.Categories.Count} categories.");
        return new CanvasBlock(Mm.ToPoints(spec.HeightMm), (ctx, canvas, box) => Draw(ctx, canvas, box, spec));
    }

    private static void Draw(RenderContext ctx, SKCanvas canvas, SKRect box, Spec spec)
    {
        var format = spec.Format ?? (v => v.ToString("#,0.##", Vietnamese));
        var title = ctx.BaseStyle.Bold().Size(10);
        var small = ctx.BaseStyle.Size(7.5f).Colored(DocumentColor.DarkGray);
        var label = ctx.BaseStyle.Size(7.5f);

        var y = box.Top;
        y += DrawText(ctx, canvas, spec.Title, title, box.Left, y, box.Width, TextAlign.Center) + 3;
        if (spec.AxisLabel is not null)
            y += DrawText(ctx, canvas, spec.AxisLabel, small, box.Left, y, box.Width, TextAlign.Left) + 2;

        var legendHeight = ctx.Metrics(label).LineHeight + 4;
        var categoryHeight = ctx.Metrics(label).LineHeight + 4;
        var (min, max, step) = Ticks(spec.Series.SelectMany(s => s.Values).DefaultIfEmpty(0));
        var tickLabels = new List<(double Value, string Text)>();
        for (var v = min; v <= max + step / 2; v += step)
            tickLabels.Add((v, format(v)));
        var axisWidth = tickLabels.Max(t => ctx.Shape(t.Text, small).Width) + 4;
        var plot = new SKRect(box.Left + axisWidth, y + 4, box.Right - 4, box.Bottom - legendHeight - categoryHeight);
        if (plot.Height <= 10 || plot.Width <= 10)
            return;

        float ToY(double v) => plot.Bottom - (float)((v - min) / (max - min)) * plot.Height;

        foreach (var (value, text) in tickLabels)
        {
            var ty = ToY(value);
            RenderContext.DrawLine(canvas, plot.Left, ty, plot.Right, ty, 0.3f, DocumentColor.LightGray);
            var shaped = ctx.Shape(text, small);
            ctx.DrawShaped(canvas, shaped, plot.Left - 3 - shaped.Width, ty + small.FontSize * 0.35f, small.Color);
        }
        RenderContext.DrawLine(canvas, plot.Left, plot.Top, plot.Left, plot.Bottom, 0.8f, DocumentColor.Black);
        RenderContext.DrawLine(canvas, plot.Left, ToY(Math.Max(min, 0)), plot.Right, ToY(Math.Max(min, 0)), 0.8f, DocumentColor.Black);

        var slot = plot.Width / Math.Max(1, spec.Categories.Count);
        for (var i = 0; i < spec.Categories.Count; i++)
            DrawText(ctx, canvas, spec.Categories[i], label, plot.Left + i * slot, plot.Bottom + 3, slot, TextAlign.Center);

        if (spec.Bars)
            DrawBars(ctx, canvas, spec, plot, slot, ToY, Math.Max(min, 0));
        else
            DrawLines(ctx, canvas, spec, plot, slot, ToY);

        DrawLegend(ctx, canvas, spec.Series, label, box.Left, box.Bottom - legendHeight + 2, box.Width);
    }

    private static void DrawBars(RenderContext ctx, SKCanvas canvas, Spec spec, SKRect plot, float slot, Func<double, float> toY, double baseline)
    {
        var groupWidth = slot * 0.75f;
        var barWidth = groupWidth / Math.Max(1, spec.Series.Count);
        for (var s = 0; s < spec.Series.Count; s++)
        {
            var paint = ctx.Fill(ColorOf(spec.Series[s], s));
            for (var i = 0; i < spec.Categories.Count; i++)
            {
                var left = plot.Left + i * slot + (slot - groupWidth) / 2 + s * barWidth;
                var top = toY(spec.Series[s].Values[i]);
                var bottom = toY(baseline);
                canvas.DrawRect(new SKRect(left, Math.Min(top, bottom), left + barWidth * 0.92f, Math.Max(top, bottom)), paint);
            }
        }
    }

    private static void DrawLines(RenderContext ctx, SKCanvas canvas, Spec spec, SKRect plot, float slot, Func<double, float> toY)
    {
        for (var s = 0; s < spec.Series.Count; s++)
        {
            var color = ColorOf(spec.Series[s], s);
            using var stroke = new SKPaint
            {
                Color = RenderContext.ToSk(color), Style = SKPaintStyle.Stroke, StrokeWidth = 1.5f, IsAntialias = true,
                StrokeJoin = SKStrokeJoin.Round,
            };
            using var path = new SKPath();
            for (var i = 0; i < spec.Categories.Count; i++)
            {
                var point = new SKPoint(plot.Left + (i + 0.5f) * slot, toY(spec.Series[s].Values[i]));
                if (i == 0)
                    path.MoveTo(point);
                else
                    path.LineTo(point);
            }
            canvas.DrawPath(path, stroke);
            for (var i = 0; i < spec.Categories.Count; i++)
                canvas.DrawCircle(plot.Left + (i + 0.5f) * slot, toY(spec.Series[s].Values[i]), 2f, ctx.Fill(color));
        }
    }

    private static void DrawLegend(RenderContext ctx, SKCanvas canvas, IReadOnlyList<ChartSeries> series, TextStyle style, float left, float top, float width)
    {
        const float swatch = 8f, gap = 12f;
        var items = series.Select((s, i) => (s, i, ctx.Shape(s.Name, style))).ToList();
        var total = items.Sum(t => swatch + 3 + t.Item3.Width) + gap * Math.Max(0, items.Count - 1);
        var x = left + Math.Max(0, (width - total) / 2);
        var baseline = top + ctx.Metrics(style).Ascent;
        foreach (var (s, i, shaped) in items)
        {
            canvas.DrawRect(new SKRect(x, baseline - swatch + 1, x + swatch, baseline + 1), ctx.Fill(ColorOf(s, i)));
            x += swatch + 3;
            ctx.DrawShaped(canvas, shaped, x, baseline, style.Color);
            x += shaped.Width + gap;
        }
    }

    private static float DrawText(RenderContext ctx, SKCanvas canvas, string text, TextStyle style, float x, float top, float width, TextAlign align) =>
        TextLayout.DrawLines(ctx, canvas, TextLayout.Layout(ctx, [new TextPiece(text, style)], width), x, top, width, align);

    private static DocumentColor ColorOf(ChartSeries series, int index) => series.Color ?? Palette[index % Palette.Length];

    /// <summary>A "nice" axis: about five steps of 1, 2 or 5 × 10ⁿ, always including zero.</summary>
    internal static (double Min, double Max, double Step) Ticks(IEnumerable<double> values)
    {
        var list = values.Where(double.IsFinite).ToList();
        var low = Math.Min(0, list.DefaultIfEmpty(0).Min());
        var high = Math.Max(0, list.DefaultIfEmpty(0).Max());
        if (high - low < 1e-9)
            high = low + 1;
        var raw = (high - low) / 5;
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        var step = new[] { 1d, 2d, 5d, 10d }.Select(f => f * magnitude).First(s => s >= raw);
        return (Math.Floor(low / step) * step, Math.Ceiling(high / step) * step, step);
    }
}

/// <summary>
/// The same charts as the PDFs, written as SVG for web pages: the one <see cref="ChartRenderer"/> geometry drawn on
/// Skia's SVG canvas instead of a PDF page (sizes in points, scaled by the browser through the viewBox).
/// </summary>
public static class ChartSvg
{
    /// <param name="widthPoints">The drawing width in points; the SVG scales to its container.</param>
    public static string Render(BarChart chart, float widthPoints = 520, string? fontFolder = null) =>
        Render(ChartRenderer.Block(chart), chart.Title, widthPoints, fontFolder);

    public static string Render(LineChart chart, float widthPoints = 520, string? fontFolder = null) =>
        Render(ChartRenderer.Block(chart), chart.Title, widthPoints, fontFolder);

    private static string Render(IBlock block, string title, float width, string? fontFolder)
    {
        var fonts = DocumentFonts.Load(fontFolder ?? PdfDocumentOptions.DefaultFontFolder, FontFiles.DejaVuSans);
        using var ctx = new RenderContext(fonts, TextStyle.Default);
        var slices = block.Layout(ctx, width).ToList();
        var height = slices.Sum(s => s.Height);
        using var stream = new MemoryStream();
        using (var canvas = SKSvgCanvas.Create(new SKRect(0, 0, width, height), stream))
        {
            var y = 0f;
            foreach (var slice in slices)
            {
                slice.Draw?.Invoke(canvas, 0, y);
                y += slice.Height;
            }
        }
        var svg = System.Text.Encoding.UTF8.GetString(stream.ToArray());
        var start = svg.IndexOf("<svg", StringComparison.Ordinal);
        var end = svg.IndexOf('>', start);
        // Responsive: the browser scales the drawing to the container's width, keeping its proportions.
        var root = $"<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\" viewBox=\"0 0 {Num(width)} {Num(height)}\" " +
                   $"width=\"100%\" role=\"img\" aria-label=\"{System.Net.WebUtility.HtmlEncode(title)}\" class=\"chart\">";
        return root + svg[(end + 1)..].TrimEnd();
    }

    private static string Num(float v) => v.ToString("0.##", CultureInfo.InvariantCulture);
}

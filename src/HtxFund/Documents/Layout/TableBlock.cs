using SkiaSharp;

namespace HtxFund.Documents.Layout;

/// <summary>One table row; <see cref="Style"/> overrides the table's cell style (e.g. a bold totals row).</summary>
internal sealed record TableRow(IReadOnlyList<string> Cells, TextStyle? Style, DocumentColor? Background);

internal sealed record TableLook(
    TextStyle CellStyle,
    TextStyle HeaderStyle,
    DocumentColor HeaderBackground,
    DocumentColor BorderColor,
    float BorderThickness,
    bool Borders,
    bool Zebra,
    DocumentColor ZebraColor,
    float PaddingX,
    float PaddingY,
    bool RepeatHeader);

/// <summary>
/// A table: a header slice kept with the first row and repeated at the top of every page the table continues on,
/// then one slice per row (rows are never split unless a row is taller than a page).
/// </summary>
internal sealed class TableBlock(IReadOnlyList<TableColumn> columns, IReadOnlyList<TableRow> rows, TableLook look) : IBlock
{
    public IEnumerable<Slice> Layout(RenderContext ctx, float width)
    {
        if (columns.Count == 0)
            yield break;
        var widths = ColumnWidth.Resolve(columns.Select(c => c.Width).ToList(), width, 0);
        var header = RowSlice(ctx, widths, columns.Select(c => c.Header).ToList(), look.HeaderStyle, look.HeaderBackground,
            _ => TextAlign.Center, keepWithNext: rows.Count > 0, repeated: null);
        if (columns.Any(c => !string.IsNullOrEmpty(c.Header)))
            yield return header;
        var repeated = look.RepeatHeader && columns.Any(c => !string.IsNullOrEmpty(c.Header)) ? header : null;
        for (var r = 0; r < rows.Count; r++)
        {
            var row = rows[r];
            var background = row.Background ?? (look.Zebra && r % 2 == 1 ? look.ZebraColor : (DocumentColor?)null);
            var cells = Enumerable.Range(0, columns.Count).Select(i => i < row.Cells.Count ? row.Cells[i] : "").ToList();
            yield return RowSlice(ctx, widths, cells, row.Style ?? look.CellStyle, background, i => columns[i].Align,
                keepWithNext: false, repeated);
        }
    }

    private Slice RowSlice(RenderContext ctx, float[] widths, IReadOnlyList<string> cells, TextStyle style,
        DocumentColor? background, Func<int, TextAlign> align, bool keepWithNext, Slice? repeated)
    {
        var laid = cells.Select((text, i) =>
            TextLayout.Layout(ctx, [new TextPiece(text, style)], Math.Max(1, widths[i] - 2 * look.PaddingX))).ToArray();
        var height = laid.Max(TextLayout.Height) + 2 * look.PaddingY;
        var breaks = Slice.CommonBreaks(laid.Select(lines =>
        {
            var bottoms = new float[Math.Max(0, lines.Count - 1)];
            var y = 0f;
            for (var i = 0; i < bottoms.Length; i++)
                bottoms[i] = y += lines[i].Metrics.LineHeight;
            return (look.PaddingY, TextLayout.Height(lines), bottoms);
        }).ToList());
        return new Slice
        {
            Height = height,
            Breaks = breaks,
            KeepWithNext = keepWithNext,
            RepeatedHeader = repeated,
            Draw = (canvas, x, y) =>
            {
                var total = widths.Sum();
                if (background is { } fill)
                    canvas.DrawRect(new SKRect(x, y, x + total, y + height), ctx.Fill(fill));
                var left = x;
                for (var i = 0; i < laid.Length; i++)
                {
                    TextLayout.DrawLines(ctx, canvas, laid[i], left + look.PaddingX, y + look.PaddingY, widths[i] - 2 * look.PaddingX, align(i));
                    left += widths[i];
                }
                if (!look.Borders)
                    return;
                var t = look.BorderThickness;
                RenderContext.DrawLine(canvas, x, y, x + total, y, t, look.BorderColor);
                RenderContext.DrawLine(canvas, x, y + height, x + total, y + height, t, look.BorderColor);
                left = x;
                RenderContext.DrawLine(canvas, left, y, left, y + height, t, look.BorderColor);
                foreach (var w in widths)
                {
                    left += w;
                    RenderContext.DrawLine(canvas, left, y, left, y + height, t, look.BorderColor);
                }
            },
        };
    }
}

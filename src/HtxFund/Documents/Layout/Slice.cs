using SkiaSharp;

namespace HtxFund.Documents.Layout;

internal enum SliceKind
{
    /// <summary>Something drawn; never split unless it is taller than a page.</summary>
    Content,

    /// <summary>Vertical spacing, dropped at the top of a page.</summary>
    Space,

    /// <summary>Forces the next content onto a new page.</summary>
    PageBreak,
}

/// <summary>
/// The unit of pagination: a horizontal band of known height and the full content width, drawn with its top-left
/// corner at the given point.
/// </summary>
internal sealed class Slice
{
    public required float Height { get; init; }
    public SliceKind Kind { get; init; } = SliceKind.Content;
    public Action<SKCanvas, float, float>? Draw { get; init; }

    /// <summary>Kept on the same page as the next content slice (a table header with its first row, a heading).</summary>
    public bool KeepWithNext { get; init; }

    /// <summary>A table header drawn first whenever this slice starts a page.</summary>
    public Slice? RepeatedHeader { get; init; }

    /// <summary>
    /// Offsets (ascending, inside the slice) between lines of text, where a slice taller than a page is best cut.
    /// Empty: cut anywhere.
    /// </summary>
    public float[] Breaks { get; init; } = [];

    public static Slice Space(float height) => new() { Height = height, Kind = SliceKind.Space };

    public static Slice PageBreak() => new() { Height = 0, Kind = SliceKind.PageBreak };

    /// <summary>
    /// Where side-by-side columns (row cells, table cells) can all be cut: at a break of every column that is still
    /// drawing there. <paramref name="columns"/> gives each column's top offset, height and breaks.
    /// </summary>
    public static float[] CommonBreaks(IReadOnlyList<(float Top, float Height, float[] Breaks)> columns)
    {
        bool FitsAll(float cut) => columns.All(c =>
            cut <= c.Top + 0.01f || cut >= c.Top + c.Height - 0.01f || c.Breaks.Any(b => Math.Abs(c.Top + b - cut) < 0.01f));
        return columns.SelectMany(c => c.Breaks.Select(b => c.Top + b).Append(c.Top + c.Height))
            .Distinct().Where(FitsAll).Order().ToArray();
    }

    /// <summary>Joins slices into one that is never split (within a page): spaces count, page breaks are ignored.</summary>
    public static Slice Stack(IReadOnlyList<Slice> parts)
    {
        var drawn = parts.Where(p => p.Kind != SliceKind.PageBreak).ToArray();
        var breaks = new List<float>();
        var top = 0f;
        foreach (var part in drawn)
        {
            if (top > 0)
                breaks.Add(top);
            breaks.AddRange(part.Breaks.Select(b => top + b));
            top += part.Height;
        }
        return new Slice
        {
            Height = top,
            Breaks = [.. breaks],
            Draw = (canvas, x, y) =>
            {
                foreach (var part in drawn)
                {
                    part.Draw?.Invoke(canvas, x, y);
                    y += part.Height;
                }
            },
        };
    }
}

/// <summary>Anything in a content column: lays itself out at a width into slices.</summary>
internal interface IBlock
{
    IEnumerable<Slice> Layout(RenderContext ctx, float width);
}

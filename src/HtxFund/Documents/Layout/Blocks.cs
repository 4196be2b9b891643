using SkiaSharp;

namespace HtxFund.Documents.Layout;

/// <summary>Text in one or more styles, wrapped at the width; each line is its own slice unless kept together.</summary>
internal sealed class ParagraphBlock(IReadOnlyList<TextPiece> pieces, TextAlign align, bool keepTogether, bool keepWithNext) : IBlock
{
    public IEnumerable<Slice> Layout(RenderContext ctx, float width)
    {
        var lines = TextLayout.Layout(ctx, pieces, width);
        var slices = lines.Select((line, i) => new Slice
        {
            Height = line.Metrics.LineHeight,
            Draw = (canvas, x, y) => TextLayout.DrawLine(ctx, canvas, line, x, y, width, align),
            KeepWithNext = keepWithNext && i == lines.Count - 1,
        }).ToList();
        // Two-line paragraphs are never split (no lonely first or last line).
        if (keepTogether || slices.Count == 2)
        {
            var stack = Slice.Stack(slices);
            return [new Slice { Height = stack.Height, Draw = stack.Draw, Breaks = stack.Breaks, KeepWithNext = keepWithNext }];
        }
        return slices;
    }
}

internal sealed class SpacerBlock(float height) : IBlock
{
    public IEnumerable<Slice> Layout(RenderContext ctx, float width) => [Slice.Space(height)];
}

internal sealed class PageBreakBlock : IBlock
{
    public IEnumerable<Slice> Layout(RenderContext ctx, float width) => [Slice.PageBreak()];
}

/// <summary>A horizontal rule; <paramref name="widthFraction"/> of the width, placed by <paramref name="align"/>.</summary>
internal sealed class RuleBlock(float thickness, DocumentColor color, float widthFraction, TextAlign align, float paddingPoints) : IBlock
{
    public IEnumerable<Slice> Layout(RenderContext ctx, float width)
    {
        var length = width * Math.Clamp(widthFraction, 0f, 1f);
        var start = align switch
        {
            TextAlign.Center => (width - length) / 2,
            TextAlign.Right => width - length,
            _ => 0f,
        };
        var height = thickness + 2 * paddingPoints;
        return
        [
            new Slice
            {
                Height = height,
                Draw = (canvas, x, y) => RenderContext.DrawLine(canvas, x + start, y + height / 2, x + start + length, y + height / 2, thickness, color),
            },
        ];
    }
}

/// <summary>Children laid out together as one slice that is moved whole to the next page when it does not fit.</summary>
internal sealed class KeepTogetherBlock(IBlock content) : IBlock
{
    public IEnumerable<Slice> Layout(RenderContext ctx, float width) => [Slice.Stack(content.Layout(ctx, width).ToList())];
}

/// <summary>Columns side by side; the row is one slice as tall as its tallest column.</summary>
internal sealed class RowBlock(IReadOnlyList<(ColumnWidth Width, IBlock Content)> cells, float gap) : IBlock
{
    public IEnumerable<Slice> Layout(RenderContext ctx, float width)
    {
        var widths = ColumnWidth.Resolve(cells.Select(c => c.Width).ToList(), width, gap);
        var laid = cells.Select((c, i) => Slice.Stack(c.Content.Layout(ctx, widths[i]).ToList())).ToArray();
        return
        [
            new Slice
            {
                Height = laid.Length == 0 ? 0 : laid.Max(s => s.Height),
                Breaks = Slice.CommonBreaks(laid.Select(s => (0f, s.Height, s.Breaks)).ToList()),
                Draw = (canvas, x, y) =>
                {
                    var left = x;
                    for (var i = 0; i < laid.Length; i++)
                    {
                        laid[i].Draw?.Invoke(canvas, left, y);
                        left += widths[i] + gap;
                    }
                },
            },
        ];
    }
}

/// <summary>A vertical stack with a gap between children (the gap is dropped at the top of a page).</summary>
internal sealed class ColumnBlock(IReadOnlyList<IBlock> children, float gap) : IBlock
{
    public IEnumerable<Slice> Layout(RenderContext ctx, float width)
    {
        for (var i = 0; i < children.Count; i++)
        {
            if (i > 0 && gap > 0)
                yield return Slice.Space(gap);
            foreach (var slice in children[i].Layout(ctx, width))
                yield return slice;
        }
    }
}

/// <summary>A block that draws itself freely in a box of fixed height (charts).</summary>
internal sealed class CanvasBlock(float height, Action<RenderContext, SKCanvas, SKRect> draw) : IBlock
{
    public IEnumerable<Slice> Layout(RenderContext ctx, float width) =>
        [new Slice { Height = height, Draw = (canvas, x, y) => draw(ctx, canvas, new SKRect(x, y, x + width, y + height)) }];
}

/// <summary>An encoded raster image (PNG, JPEG) scaled to the column width keeping its aspect ratio, or to
/// <paramref name="widthFraction"/> of it, centred; embedded in the PDF as an image XObject.</summary>
internal sealed class ImageBlock : IBlock
{
    private readonly SKImage _image;
    private readonly float _widthFraction;

    public ImageBlock(byte[] encoded, float widthFraction)
    {
        _image = SKImage.FromEncodedData(encoded) ?? throw new ArgumentException("The image is not a readable PNG or JPEG.", nameof(encoded));
        _widthFraction = Math.Clamp(widthFraction, 0.05f, 1f);
    }

    public IEnumerable<Slice> Layout(RenderContext ctx, float width)
    {
        var drawn = width * _widthFraction;
        var height = drawn * _image.Height / _image.Width;
        var left = (width - drawn) / 2;
        return
        [
            new Slice
            {
                Height = height,
                Draw = (canvas, x, y) => canvas.DrawImage(_image, new SKRect(x + left, y, x + left + drawn, y + height),
                    new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.None)),
            },
        ];
    }
}

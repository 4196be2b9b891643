using SkiaSharp;

namespace HtxFund.Documents.Layout;

/// <summary>
/// A run of glyphs shaped by HarfBuzz. The PDF carries glyphs only: Skia writes a ToUnicode map from the font's cmap,
/// which is exact for NFC Vietnamese (every precomposed letter is one glyph in DejaVu). Passing text and clusters as well
/// (Skia's ActualText) made poppler misplace words, so it is not done.
/// </summary>
internal sealed class ShapedText(FontFace face, float size, ushort[] glyphs, SKPoint[] positions, string text, float width)
{
    public FontFace Face { get; } = face;
    public float Size { get; } = size;
    public ushort[] Glyphs { get; } = glyphs;
    public SKPoint[] Positions { get; } = positions;
    public string Text { get; } = text;
    public float Width { get; } = width;
}

/// <summary>A shaped run placed at <see cref="X"/> on a line.</summary>
internal readonly record struct GlyphSegment(ShapedText Shaped, float X, DocumentColor Color);

/// <summary>Vertical measures of a text style, in points.</summary>
internal readonly record struct LineMetrics(float Ascent, float Descent, float LineHeight);

/// <summary>
/// Per-document state: fonts, a cache of shaped words, and the Skia objects made while rendering, disposed at the end.
/// Used by one thread at a time (one document is rendered by one call).
/// </summary>
internal sealed class RenderContext(DocumentFonts fonts, TextStyle baseStyle) : IDisposable
{
    private readonly Dictionary<(FontFace, float), SKFont> _fonts = [];
    private readonly Dictionary<(string, FontFace, float), ShapedText> _shaped = [];
    private readonly Dictionary<DocumentColor, SKPaint> _fills = [];
    private readonly Dictionary<FontFace, (HashSet<ushort> Glyphs, HashSet<int> Codepoints)> _used = [];
    private readonly Dictionary<FontFace, SKTypeface> _subsets = [];
    private readonly Dictionary<(FontFace, float), SKFont> _drawFonts = [];
    private readonly List<SKData> _subsetData = [];

    public TextStyle BaseStyle { get; } = baseStyle;

    public SKFont Font(TextStyle style) => Font(fonts.Face(style.IsBold, style.IsItalic), style.FontSize);

    private SKFont Font(FontFace face, float size)
    {
        if (!_fonts.TryGetValue((face, size), out var font))
        {
            font = new SKFont(face.Typeface, size) { Subpixel = true, LinearMetrics = true, Hinting = SKFontHinting.None };
            _fonts[(face, size)] = font;
        }
        return font;
    }

    public LineMetrics Metrics(TextStyle style)
    {
        var font = Font(style);
        font.GetFontMetrics(out var m);
        return new LineMetrics(-m.Ascent, m.Descent, font.Spacing * style.LineSpacing);
    }

    /// <summary>Shapes one word (or any text without line breaks). The text is normalised to NFC first.</summary>
    public ShapedText Shape(string text, TextStyle style)
    {
        var face = fonts.Face(style.IsBold, style.IsItalic);
        var key = (text, face, style.FontSize);
        if (_shaped.TryGetValue(key, out var shaped))
            return shaped;
        var font = Font(face, style.FontSize);
        var result = face.Shape(text, font);
        var glyphs = new ushort[result.Codepoints.Length];
        for (var i = 0; i < glyphs.Length; i++)
            glyphs[i] = (ushort)result.Codepoints[i];
        shaped = new ShapedText(face, style.FontSize, glyphs, result.Points, text, result.Width);
        _shaped[key] = shaped;
        if (!_used.TryGetValue(face, out var used))
            _used[face] = used = ([], []);
        used.Glyphs.UnionWith(glyphs);
        for (var i = 0; i < text.Length; i += char.IsSurrogatePair(text, i) ? 2 : 1)
            used.Codepoints.Add(char.ConvertToUtf32(text, i));
        return shaped;
    }

    /// <summary>
    /// From now on, draw with fonts cut down to the glyphs shaped so far (see <see cref="FontSubsetter"/>). Call after
    /// everything has been shaped once; faces that cannot be subset keep their whole font.
    /// </summary>
    public void UseSubsetFonts()
    {
        foreach (var (face, used) in _used)
        {
            if (_subsets.ContainsKey(face))
                continue;
            var bytes = FontSubsetter.Subset(face.Path, used.Glyphs, used.Codepoints);
            if (bytes is null)
                continue;
            var data = SKData.CreateCopy(bytes);
            _subsetData.Add(data);
            if (SKTypeface.FromData(data) is { } typeface)
                _subsets[face] = typeface;
        }
    }

    private SKFont DrawFont(FontFace face, float size)
    {
        if (!_subsets.TryGetValue(face, out var typeface))
            return Font(face, size);
        if (!_drawFonts.TryGetValue((face, size), out var font))
        {
            font = new SKFont(typeface, size) { Subpixel = true, LinearMetrics = true, Hinting = SKFontHinting.None };
            _drawFonts[(face, size)] = font;
        }
        return font;
    }

    public SKPaint Fill(DocumentColor color)
    {
        if (!_fills.TryGetValue(color, out var paint))
        {
            paint = new SKPaint { Color = ToSk(color), Style = SKPaintStyle.Fill, IsAntialias = true };
            _fills[color] = paint;
        }
        return paint;
    }

    public static SKColor ToSk(DocumentColor color) => new(color.R, color.G, color.B);

    public void DrawShaped(SKCanvas canvas, ShapedText shaped, float x, float baseline, DocumentColor color) =>
        DrawSegments(canvas, [new GlyphSegment(shaped, x, color)], baseline);

    /// <summary>
    /// Draws shaped segments on one baseline as one text blob per colour, merging neighbours of the same font into
    /// one positioned run, so that viewers and extractors see a continuous line of text.
    /// </summary>
    public void DrawSegments(SKCanvas canvas, IReadOnlyList<GlyphSegment> segments, float baseline)
    {
        foreach (var byColor in segments.Where(s => s.Shaped.Glyphs.Length > 0).GroupBy(s => s.Color))
        {
            using var builder = new SKTextBlobBuilder();
            var list = byColor.ToList();
            for (var start = 0; start < list.Count;)
            {
                var end = start + 1;
                while (end < list.Count && list[end].Shaped.Face == list[start].Shaped.Face && list[end].Shaped.Size == list[start].Shaped.Size)
                    end++;
                AddRun(builder, list, start, end);
                start = end;
            }
            using var blob = builder.Build();
            if (blob is not null)
                canvas.DrawText(blob, 0, baseline, Fill(byColor.Key));
        }
    }

    private void AddRun(SKTextBlobBuilder builder, List<GlyphSegment> list, int start, int end)
    {
        var glyphCount = 0;
        for (var i = start; i < end; i++)
            glyphCount += list[i].Shaped.Glyphs.Length;
        var glyphs = new ushort[glyphCount];
        var positions = new SKPoint[glyphCount];
        var g = 0;
        for (var i = start; i < end; i++)
        {
            var shaped = list[i].Shaped;
            for (var k = 0; k < shaped.Glyphs.Length; k++, g++)
            {
                glyphs[g] = shaped.Glyphs[k];
                positions[g] = new SKPoint(shaped.Positions[k].X + list[i].X, shaped.Positions[k].Y);
            }
        }
        var first = list[start].Shaped;
        var run = builder.AllocatePositionedRun(DrawFont(first.Face, first.Size), glyphCount, null);
        run.SetGlyphs(glyphs);
        run.SetPositions(positions);
    }

    /// <summary>Draws a straight line of the given thickness (points).</summary>
    public static void DrawLine(SKCanvas canvas, float x0, float y0, float x1, float y1, float thickness, DocumentColor color)
    {
        using var paint = new SKPaint
        {
            Color = ToSk(color), Style = SKPaintStyle.Stroke, StrokeWidth = thickness, IsAntialias = true,
        };
        canvas.DrawLine(x0, y0, x1, y1, paint);
    }

    public void Dispose()
    {
        foreach (var font in _fonts.Values)
            font.Dispose();
        foreach (var font in _drawFonts.Values)
            font.Dispose();
        foreach (var typeface in _subsets.Values)
            typeface.Dispose();
        foreach (var data in _subsetData)
            data.Dispose();
        foreach (var paint in _fills.Values)
            paint.Dispose();
        _drawFonts.Clear();
        _subsets.Clear();
        _subsetData.Clear();
        _used.Clear();
        _fonts.Clear();
        _fills.Clear();
        _shaped.Clear();
    }
}

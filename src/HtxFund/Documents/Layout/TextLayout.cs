using System.Globalization;
using System.Text;
using SkiaSharp;

namespace HtxFund.Documents.Layout;

/// <summary>A piece of text in one style; a paragraph is a sequence of them.</summary>
internal sealed record TextPiece(string Text, TextStyle Style);

/// <summary>A word: one or more shaped parts with no space between them (a style can change inside a word).</summary>
internal sealed record Word(IReadOnlyList<(ShapedText Shaped, TextStyle Style)> Parts, float Width, ShapedText Space, float SpaceWidth);

/// <summary>One laid-out line of a paragraph.</summary>
internal sealed record TextLine(IReadOnlyList<Word> Words, float Width, LineMetrics Metrics, bool EndsParagraph);

/// <summary>Greedy line breaking of shaped words by measured width, and drawing of the lines with alignment.</summary>
internal static class TextLayout
{
    public static IReadOnlyList<TextLine> Layout(RenderContext ctx, IReadOnlyList<TextPiece> pieces, float maxWidth)
    {
        var lines = new List<TextLine>();
        var fallbackStyle = pieces.Count > 0 ? pieces[0].Style : ctx.BaseStyle;
        foreach (var paragraph in SplitWords(ctx, pieces))
        {
            var current = new List<Word>();
            var width = 0f;
            foreach (var word in paragraph.SelectMany(w => FitWord(ctx, w, maxWidth)))
            {
                var extra = current.Count == 0 ? word.Width : current[^1].SpaceWidth + word.Width;
                if (current.Count > 0 && width + extra > maxWidth + 0.01f)
                {
                    lines.Add(Line(ctx, current, width, false, fallbackStyle));
                    current = [];
                    width = 0;
                    extra = word.Width;
                }
                current.Add(word);
                width += extra;
            }
            lines.Add(Line(ctx, current, width, true, fallbackStyle));
        }
        return lines;
    }

    private static TextLine Line(RenderContext ctx, List<Word> words, float width, bool endsParagraph, TextStyle fallback)
    {
        var styles = words.SelectMany(w => w.Parts.Select(p => p.Style)).DefaultIfEmpty(fallback);
        float ascent = 0, descent = 0, height = 0;
        foreach (var style in styles)
        {
            var m = ctx.Metrics(style);
            ascent = Math.Max(ascent, m.Ascent);
            descent = Math.Max(descent, m.Descent);
            height = Math.Max(height, m.LineHeight);
        }
        return new TextLine(words, width, new LineMetrics(ascent, descent, Math.Max(height, ascent + descent)), endsParagraph);
    }

    /// <summary>Splits pieces into paragraphs (at '\n') of words (at spaces); a word may span pieces.</summary>
    private static List<List<Word>> SplitWords(RenderContext ctx, IReadOnlyList<TextPiece> pieces)
    {
        var paragraphs = new List<List<Word>> { new() };
        var parts = new List<(ShapedText, TextStyle)>();
        var buffer = new StringBuilder();

        void FlushPart(TextStyle style)
        {
            if (buffer.Length == 0)
                return;
            parts.Add((ctx.Shape(buffer.ToString(), style), style));
            buffer.Clear();
        }

        void FinishWord()
        {
            if (parts.Count == 0)
                return;
            var spaceStyle = parts[^1].Item2;
            var space = ctx.Shape(" ", spaceStyle);
            paragraphs[^1].Add(new Word([.. parts], parts.Sum(p => p.Item1.Width), space, space.Width));
            parts.Clear();
        }

        foreach (var piece in pieces)
        {
            foreach (var ch in HtxFund.Reference.VietnameseText.Nfc(piece.Text).Replace("\r\n", "\n"))
            {
                if (ch is ' ' or '\t')
                {
                    FlushPart(piece.Style);
                    FinishWord();
                }
                else if (ch == '\n')
                {
                    FlushPart(piece.Style);
                    FinishWord();
                    paragraphs.Add([]);
                }
                else
                {
                    buffer.Append(ch);
                }
            }
            FlushPart(piece.Style);
        }
        FinishWord();
        return paragraphs;
    }

    /// <summary>A word wider than the line is broken between grapheme clusters so that every piece fits.</summary>
    private static IEnumerable<Word> FitWord(RenderContext ctx, Word word, float maxWidth)
    {
        if (word.Width <= maxWidth)
        {
            yield return word;
            yield break;
        }
        foreach (var (shaped, style) in word.Parts)
        {
            var text = shaped.Text;
            var elements = StringInfo.GetTextElementEnumerator(text);
            var chunk = new StringBuilder();
            while (elements.MoveNext())
            {
                var element = elements.GetTextElement();
                var candidate = chunk + element;
                if (chunk.Length > 0 && ctx.Shape(candidate, style).Width > maxWidth)
                {
                    yield return Single(ctx, chunk.ToString(), style, word);
                    chunk.Clear();
                }
                chunk.Append(element);
            }
            if (chunk.Length > 0)
                yield return Single(ctx, chunk.ToString(), style, word);
        }
    }

    private static Word Single(RenderContext ctx, string text, TextStyle style, Word original)
    {
        var shaped = ctx.Shape(text, style);
        return new Word([(shaped, style)], shaped.Width, original.Space, original.SpaceWidth);
    }

    public static float Height(IReadOnlyList<TextLine> lines) => lines.Sum(l => l.Metrics.LineHeight);

    /// <summary>Draws one line whose top is at <paramref name="top"/> inside a box of <paramref name="width"/>.</summary>
    public static void DrawLine(RenderContext ctx, SKCanvas canvas, TextLine line, float x, float top, float width, TextAlign align)
    {
        var m = line.Metrics;
        var baseline = top + (m.LineHeight - (m.Ascent + m.Descent)) / 2 + m.Ascent;
        var gapExtra = 0f;
        var start = x;
        switch (align)
        {
            case TextAlign.Center:
                start = x + (width - line.Width) / 2;
                break;
            case TextAlign.Right:
                start = x + width - line.Width;
                break;
            case TextAlign.Justify when !line.EndsParagraph && line.Words.Count > 1:
                gapExtra = Math.Max(0, (width - line.Width) / (line.Words.Count - 1));
                break;
        }
        var cursor = start;
        var segments = new List<GlyphSegment>();
        for (var i = 0; i < line.Words.Count; i++)
        {
            var word = line.Words[i];
            foreach (var (shaped, style) in word.Parts)
            {
                segments.Add(new GlyphSegment(shaped, cursor, style.Color));
                cursor += shaped.Width;
            }
            if (i < line.Words.Count - 1)
            {
                // The space glyph is drawn too, so that text extraction sees a real space between words.
                segments.Add(new GlyphSegment(word.Space, cursor, word.Parts[^1].Style.Color));
                cursor += word.SpaceWidth + gapExtra;
            }
        }
        ctx.DrawSegments(canvas, segments, baseline);
    }

    /// <summary>Draws lines stacked from <paramref name="top"/>; returns the height used.</summary>
    public static float DrawLines(RenderContext ctx, SKCanvas canvas, IReadOnlyList<TextLine> lines, float x, float top, float width, TextAlign align)
    {
        var y = top;
        foreach (var line in lines)
        {
            DrawLine(ctx, canvas, line, x, y, width, align);
            y += line.Metrics.LineHeight;
        }
        return y - top;
    }
}

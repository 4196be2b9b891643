using HtxFund.Documents.Charts;
using HtxFund.Documents.Formatting;
using HtxFund.Documents.Layout;
using NodaTime;

namespace HtxFund.Documents;

/// <summary>
/// A vertical stack of content (a column). Every method appends a block and returns the builder, e.g.
/// <c>c.Text("QUYẾT ĐỊNH", TextStyle.Default.Bold().Center()).Spacer(4).Table(t => ...)</c>.
/// Lengths are in millimetres.
/// </summary>
public sealed class ContentBuilder
{
    private readonly List<IBlock> _blocks = [];
    private float _gap;

    internal ContentBuilder(TextStyle baseStyle) => BaseStyle = baseStyle;

    /// <summary>The style of text added without a style.</summary>
    public TextStyle BaseStyle { get; }

    internal IBlock Build() => new ColumnBlock([.. _blocks], _gap);

    private ContentBuilder Add(IBlock block)
    {
        _blocks.Add(block);
        return this;
    }

    /// <summary>Space between consecutive items of this column.</summary>
    public ContentBuilder Spacing(float millimetres)
    {
        _gap = Mm.ToPoints(millimetres);
        return this;
    }

    /// <summary>A paragraph in one style (the style's alignment applies). '\n' starts a new line.</summary>
    public ContentBuilder Text(string text, TextStyle? style = null, bool keepWithNext = false)
    {
        var s = style ?? BaseStyle;
        return Add(new ParagraphBlock([new TextPiece(text, s)], s.Align, keepTogether: false, keepWithNext));
    }

    /// <summary>A paragraph mixing styles, e.g. a bold label followed by a value.</summary>
    public ContentBuilder Paragraph(Action<ParagraphBuilder> spans, TextAlign align = TextAlign.Left, bool keepTogether = false, bool keepWithNext = false)
    {
        var builder = new ParagraphBuilder(BaseStyle);
        spans(builder);
        return Add(new ParagraphBlock(builder.Pieces, align, keepTogether, keepWithNext));
    }

    /// <summary>Bulleted or numbered items with a hanging indent.</summary>
    public ContentBuilder List(IEnumerable<string> items, TextStyle? style = null, bool numbered = false, float indentMm = 6, string bullet = "-")
    {
        var s = style ?? BaseStyle;
        var n = 0;
        foreach (var item in items)
        {
            n++;
            var marker = numbered ? $"{n}." : bullet;
            Row(r => r.Fixed(indentMm, c => c.Text(marker, s.Left())).Relative(1, c => c.Text(item, s)), gapMm: 0);
        }
        return this;
    }

    public ContentBuilder Spacer(float millimetres) => Add(new SpacerBlock(Mm.ToPoints(millimetres)));

    public ContentBuilder PageBreak() => Add(new PageBreakBlock());

    /// <summary>A horizontal rule; <paramref name="widthFraction"/> of the column width.</summary>
    public ContentBuilder Line(float thicknessPoints = 0.5f, DocumentColor? color = null, float widthFraction = 1f,
        TextAlign align = TextAlign.Left, float paddingPoints = 1.5f) =>
        Add(new RuleBlock(thicknessPoints, color ?? DocumentColor.Black, widthFraction, align, paddingPoints));

    /// <summary>Columns side by side.</summary>
    public ContentBuilder Row(Action<RowBuilder> cells, float gapMm = 4)
    {
        var builder = new RowBuilder(BaseStyle);
        cells(builder);
        return Add(new RowBlock(builder.Cells, Mm.ToPoints(gapMm)));
    }

    /// <summary>A nested column.</summary>
    public ContentBuilder Column(Action<ContentBuilder> content) => Add(Nested(content));

    /// <summary>Content that is never split across pages (unless it is taller than a page).</summary>
    public ContentBuilder KeepTogether(Action<ContentBuilder> content) => Add(new KeepTogetherBlock(Nested(content)));

    public ContentBuilder Table(Action<TableBuilder> table)
    {
        var builder = new TableBuilder(BaseStyle);
        table(builder);
        return Add(builder.Build());
    }

    /// <summary>Label: value pairs in two columns.</summary>
    public ContentBuilder KeyValues(Action<KeyValueBuilder> pairs, float labelWidthMm = 45, TextStyle? labelStyle = null, TextStyle? valueStyle = null)
    {
        var builder = new KeyValueBuilder();
        pairs(builder);
        var label = labelStyle ?? BaseStyle;
        var value = valueStyle ?? BaseStyle;
        foreach (var (key, text, style) in builder.Pairs)
            Row(r => r.Fixed(labelWidthMm, c => c.Text(key, label)).Relative(1, c => c.Text(text, style ?? value)), gapMm: 2);
        return this;
    }

    /// <summary>The signature block of an administrative document, centred in this column.</summary>
    public ContentBuilder Signature(SignatureBlock signature) => KeepTogether(c =>
    {
        var s = BaseStyle.Center();
        if (signature.Place is not null && signature.Date is { } date)
            c.Text(VietnameseFormat.PlaceAndDate(signature.Place, date), s.Italic());
        foreach (var line in signature.Title.Split('\n'))
            c.Text(line, s.Bold());
        if (!string.IsNullOrEmpty(signature.Note))
            c.Text(signature.Note, s.Italic().Size(s.FontSize - 1));
        c.Spacer(signature.SpaceForSignatureMm);
        c.Text(signature.Name, s.Bold());
    });

    public ContentBuilder BarChart(BarChart chart) => Add(ChartRenderer.Block(chart));

    public ContentBuilder LineChart(LineChart chart) => Add(ChartRenderer.Block(chart));

    /// <summary>A PNG or JPEG (e.g. a chart rendered by ScottPlot) as wide as <paramref name="widthFraction"/> of the
    /// column, centred, its height from its aspect ratio.</summary>
    public ContentBuilder Image(byte[] encoded, float widthFraction = 1f) => Add(new ImageBlock(encoded, widthFraction));

    private IBlock Nested(Action<ContentBuilder> content)
    {
        var builder = new ContentBuilder(BaseStyle);
        content(builder);
        return builder.Build();
    }
}

/// <summary>Spans of a mixed-style paragraph.</summary>
public sealed class ParagraphBuilder
{
    private readonly List<TextPiece> _pieces = [];

    internal ParagraphBuilder(TextStyle baseStyle) => BaseStyle = baseStyle;

    public TextStyle BaseStyle { get; }

    internal IReadOnlyList<TextPiece> Pieces => _pieces;

    public ParagraphBuilder Span(string text, TextStyle? style = null)
    {
        _pieces.Add(new TextPiece(text, style ?? BaseStyle));
        return this;
    }

    public ParagraphBuilder Bold(string text) => Span(text, BaseStyle.Bold());

    public ParagraphBuilder Italic(string text) => Span(text, BaseStyle.Italic());
}

/// <summary>The cells of a <see cref="ContentBuilder.Row"/>.</summary>
public sealed class RowBuilder
{
    private readonly List<(ColumnWidth, IBlock)> _cells = [];
    private readonly TextStyle _baseStyle;

    internal RowBuilder(TextStyle baseStyle) => _baseStyle = baseStyle;

    internal IReadOnlyList<(ColumnWidth Width, IBlock Content)> Cells => _cells;

    public RowBuilder Fixed(float millimetres, Action<ContentBuilder> content) => Cell(ColumnWidth.Fixed(millimetres), content);

    public RowBuilder Relative(float weight, Action<ContentBuilder> content) => Cell(ColumnWidth.Relative(weight), content);

    public RowBuilder Cell(ColumnWidth width, Action<ContentBuilder> content)
    {
        var builder = new ContentBuilder(_baseStyle);
        content(builder);
        _cells.Add((width, builder.Build()));
        return this;
    }
}

/// <summary>Label: value pairs.</summary>
public sealed class KeyValueBuilder
{
    private readonly List<(string, string, TextStyle?)> _pairs = [];

    internal IReadOnlyList<(string Label, string Value, TextStyle? Style)> Pairs => _pairs;

    public KeyValueBuilder Add(string label, string value, TextStyle? valueStyle = null)
    {
        _pairs.Add((label, value, valueStyle));
        return this;
    }
}

/// <summary>
/// Who signs: e.g. place "Đắk Lắk", date, title "GIÁM ĐỐC" (or "KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC"), the signer's name.
/// </summary>
public sealed record SignatureBlock(string Title, string Name, string? Place = null, LocalDate? Date = null,
    string? Note = null, float SpaceForSignatureMm = 22);

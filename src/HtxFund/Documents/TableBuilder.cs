using HtxFund.Documents.Layout;

namespace HtxFund.Documents;

/// <summary>
/// Builds a table: <c>t.Column("Kỳ", ColumnWidth.Fixed(10), TextAlign.Center).Column(...).Row("1", "05/01/2027", ...)</c>.
/// The header is repeated on every page the table continues on.
/// </summary>
public sealed class TableBuilder
{
    private readonly List<TableColumn> _columns = [];
    private readonly List<TableRow> _rows = [];
    private TextStyle _cellStyle;
    private TextStyle? _headerStyle;
    private DocumentColor _headerBackground = DocumentColor.LightGray;
    private DocumentColor _borderColor = DocumentColor.DarkGray;
    private bool _borders = true;
    private bool _zebra;
    private bool _repeatHeader = true;
    private float _paddingX = 3f;
    private float _paddingY = 2.5f;

    internal TableBuilder(TextStyle baseStyle) => _cellStyle = baseStyle;

    public TableBuilder Column(string header, ColumnWidth width, TextAlign align = TextAlign.Left)
    {
        _columns.Add(new TableColumn(header, width, align));
        return this;
    }

    public TableBuilder Row(params string[] cells) => Row(null, cells);

    /// <summary>A row in its own style, e.g. <c>TextStyle.Default.Bold()</c> for totals.</summary>
    public TableBuilder Row(TextStyle? style, params string[] cells)
    {
        if (cells.Length > _columns.Count)
            throw new ArgumentException($"The row has {cells.Length} cells but the table has {_columns.Count} columns.", nameof(cells));
        _rows.Add(new TableRow(cells, style, null));
        return this;
    }

    /// <summary>A row with its own background, e.g. a shaded totals row.</summary>
    public TableBuilder Row(TextStyle? style, DocumentColor background, params string[] cells)
    {
        Row(style, cells);
        _rows[^1] = _rows[^1] with { Background = background };
        return this;
    }

    public TableBuilder CellStyle(TextStyle style)
    {
        _cellStyle = style;
        return this;
    }

    public TableBuilder HeaderStyle(TextStyle style, DocumentColor? background = null)
    {
        _headerStyle = style;
        _headerBackground = background ?? _headerBackground;
        return this;
    }

    public TableBuilder Borders(bool borders, DocumentColor? color = null)
    {
        _borders = borders;
        _borderColor = color ?? _borderColor;
        return this;
    }

    public TableBuilder Zebra(bool zebra = true)
    {
        _zebra = zebra;
        return this;
    }

    public TableBuilder RepeatHeader(bool repeat)
    {
        _repeatHeader = repeat;
        return this;
    }

    /// <summary>Cell padding in millimetres.</summary>
    public TableBuilder Padding(float horizontalMm, float verticalMm)
    {
        _paddingX = Mm.ToPoints(horizontalMm);
        _paddingY = Mm.ToPoints(verticalMm);
        return this;
    }

    internal IBlock Build() => new TableBlock([.. _columns], [.. _rows], new TableLook(
        _cellStyle, _headerStyle ?? _cellStyle.Bold(), _headerBackground, _borderColor, 0.5f, _borders, _zebra,
        DocumentColor.Zebra, _paddingX, _paddingY, _repeatHeader));
}

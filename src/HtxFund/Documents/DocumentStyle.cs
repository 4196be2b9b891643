using System.Globalization;

namespace HtxFund.Documents;

/// <summary>Horizontal placement of text inside its box.</summary>
public enum TextAlign
{
    Left,
    Center,
    Right,

    /// <summary>Lines stretched to the full width, except the last line of a paragraph.</summary>
    Justify,
}

/// <summary>An opaque RGB colour. The document layer converts it to Skia; callers never see Skia types.</summary>
public readonly record struct DocumentColor(byte R, byte G, byte B)
{
    public static DocumentColor Black => new(0, 0, 0);
    public static DocumentColor White => new(255, 255, 255);
    public static DocumentColor DarkGray => new(80, 80, 80);
    public static DocumentColor Gray => new(128, 128, 128);
    public static DocumentColor LightGray => new(225, 225, 225);
    public static DocumentColor Zebra => new(244, 246, 248);
    public static DocumentColor Navy => new(20, 45, 110);

    /// <summary>Parses <c>#RRGGBB</c>.</summary>
    public static DocumentColor FromHex(string hex)
    {
        var digits = hex.TrimStart('#');
        if (digits.Length != 6 || !int.TryParse(digits, NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var value))
            throw new FormatException($"'{hex}' is not a colour of the form #RRGGBB.");
        return new DocumentColor((byte)(value >> 16), (byte)(value >> 8), (byte)value);
    }
}

/// <summary>
/// How a piece of text looks. Immutable; the fluent methods return modified copies, e.g.
/// <c>TextStyle.Default.Bold().Size(14).Center()</c>. Sizes are in points (1/72 inch).
/// </summary>
public sealed record TextStyle
{
    public static TextStyle Default { get; } = new();

    public float FontSize { get; init; } = 11f;
    public bool IsBold { get; init; }
    public bool IsItalic { get; init; }
    public DocumentColor Color { get; init; } = DocumentColor.Black;
    public TextAlign Align { get; init; } = TextAlign.Left;

    /// <summary>Multiplier of the font's recommended line spacing.</summary>
    public float LineSpacing { get; init; } = 1.0f;

    public TextStyle Size(float points) => this with { FontSize = points };
    public TextStyle Bold(bool bold = true) => this with { IsBold = bold };
    public TextStyle Italic(bool italic = true) => this with { IsItalic = italic };
    public TextStyle Colored(DocumentColor color) => this with { Color = color };
    public TextStyle Aligned(TextAlign align) => this with { Align = align };
    public TextStyle Left() => Aligned(TextAlign.Left);
    public TextStyle Center() => Aligned(TextAlign.Center);
    public TextStyle Right() => Aligned(TextAlign.Right);
    public TextStyle Justify() => Aligned(TextAlign.Justify);
    public TextStyle Spaced(float lineSpacing) => this with { LineSpacing = lineSpacing };
}

/// <summary>Lengths given in millimetres, converted to PDF points.</summary>
public static class Mm
{
    public const float PointsPerMm = 72f / 25.4f;

    public static float ToPoints(float millimetres) => millimetres * PointsPerMm;
}

/// <summary>A width in a row or a table: fixed (millimetres) or a share of what the fixed widths leave.</summary>
public readonly record struct ColumnWidth(float Value, bool IsFixed)
{
    public static ColumnWidth Fixed(float millimetres) => new(millimetres, true);
    public static ColumnWidth Relative(float weight = 1) => new(weight, false);

    /// <summary>Resolves widths (points) so that they add up to <paramref name="total"/> minus the gaps.</summary>
    internal static float[] Resolve(IReadOnlyList<ColumnWidth> widths, float total, float gap)
    {
        var available = total - gap * Math.Max(0, widths.Count - 1);
        var fixedSum = widths.Where(w => w.IsFixed).Sum(w => Mm.ToPoints(w.Value));
        var weights = widths.Where(w => !w.IsFixed).Sum(w => w.Value);
        var remainder = Math.Max(0, available - fixedSum);
        return widths.Select(w => w.IsFixed
            ? Mm.ToPoints(w.Value)
            : weights > 0 ? remainder * w.Value / weights : 0).ToArray();
    }
}

/// <summary>A table column: header text, width and the alignment of its cells.</summary>
public sealed record TableColumn(string Header, ColumnWidth Width, TextAlign Align = TextAlign.Left);


using NodaTime;

namespace HtxFund.Documents;

public enum PageOrientation
{
    Portrait,
    Landscape,
}

/// <summary>Page margins in millimetres.</summary>
public sealed record PageMargins(float Top, float Right, float Bottom, float Left)
{
    /// <summary>Margins of Vietnamese administrative documents (Decree 30/2020/NĐ-CP, Appendix I): 20/15/20/30 mm.</summary>
    public static PageMargins Administrative { get; } = new(20, 15, 20, 30);

    public static PageMargins Uniform(float mm) => new(mm, mm, mm, mm);
}

/// <summary>The font files of one family inside <see cref="PdfDocumentOptions.FontFolder"/>.</summary>
public sealed record FontFiles(string Regular, string Bold, string Italic, string BoldItalic)
{
    public static FontFiles DejaVuSans { get; } =
        new("DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "DejaVuSans-Oblique.ttf", "DejaVuSans-BoldOblique.ttf");
}

/// <summary>
/// Everything about a PDF that is not its content. The creation instant is passed in, never read from a clock,
/// so that the same input gives the same document.
/// </summary>
public sealed record PdfDocumentOptions
{
    public const string DefaultFontFolder = "/usr/share/fonts/truetype/dejavu";

    /// <summary>The configuration key of the folder the fund's documents (letters, contracts, reports) take their fonts
    /// from; read at each document, so fonts installed later are used by the next one.</summary>
    public const string FontFolderKey = "HtxFund:Documents:FontFolder";

    /// <summary>The configured font folder (<see cref="FontFolderKey"/>), else <see cref="DefaultFontFolder"/>.</summary>
    public static string FontFolderOf(IConfiguration configuration) => configuration[FontFolderKey] ?? DefaultFontFolder;

    /// <summary>A4: 210 × 297 mm.</summary>
    public const float A4WidthMm = 210f;
    public const float A4HeightMm = 297f;

    public required string Title { get; init; }
    public required Instant CreatedAt { get; init; }
    public string Author { get; init; } = "";
    public string Subject { get; init; } = "";
    public string Creator { get; init; } = "HtxFund";
    public PageOrientation Orientation { get; init; } = PageOrientation.Portrait;
    public PageMargins Margins { get; init; } = PageMargins.Administrative;

    /// <summary>Space between the page header and the content, and between the content and the footer (mm).</summary>
    public float HeaderFooterGapMm { get; init; } = 4f;

    public string FontFolder { get; init; } = DefaultFontFolder;
    public FontFiles Fonts { get; init; } = FontFiles.DejaVuSans;

    /// <summary>The style of text added without a style of its own.</summary>
    public TextStyle BaseStyle { get; init; } = TextStyle.Default;

    internal float PageWidth => Mm.ToPoints(Orientation == PageOrientation.Portrait ? A4WidthMm : A4HeightMm);
    internal float PageHeight => Mm.ToPoints(Orientation == PageOrientation.Portrait ? A4HeightMm : A4WidthMm);
    internal float ContentWidth => PageWidth - Mm.ToPoints(Margins.Left + Margins.Right);

    internal void Validate()
    {
        if (string.IsNullOrWhiteSpace(Title))
            throw new ArgumentException("A document needs a title.", nameof(Title));
        if (Margins.Top < 0 || Margins.Right < 0 || Margins.Bottom < 0 || Margins.Left < 0)
            throw new ArgumentException("Margins cannot be negative.", nameof(Margins));
        if (ContentWidth < Mm.ToPoints(20) || PageHeight - Mm.ToPoints(Margins.Top + Margins.Bottom) < Mm.ToPoints(20))
            throw new ArgumentException("The margins leave less than 20 mm of the page for content.", nameof(Margins));
    }
}

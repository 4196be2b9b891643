using HtxFund.Documents.Layout;
using SkiaSharp;

namespace HtxFund.Documents;

/// <summary>The page being drawn and how many pages the whole document has ("Trang 2/5").</summary>
public readonly record struct PageInfo(int Number, int Count);

/// <summary>A section of pages: content flowing over as many pages as needed, with a header and footer on each.</summary>
public sealed class PageBuilder
{
    internal Action<ContentBuilder, PageInfo>? HeaderContent { get; private set; }
    internal Action<ContentBuilder, PageInfo>? FooterContent { get; private set; }
    internal Action<ContentBuilder>? BodyContent { get; private set; }

    /// <summary>Drawn at the top of every page; the callback is given the page number and the page count.</summary>
    public PageBuilder Header(Action<ContentBuilder, PageInfo> header)
    {
        HeaderContent = header;
        return this;
    }

    /// <summary>Drawn at the bottom of every page, e.g. <c>(f, p) => f.Text(VietnameseFormat.PageNumber(p), ...)</c>.</summary>
    public PageBuilder Footer(Action<ContentBuilder, PageInfo> footer)
    {
        FooterContent = footer;
        return this;
    }

    public PageBuilder Content(Action<ContentBuilder> content)
    {
        BodyContent = content;
        return this;
    }
}

/// <summary>
/// Composes a PDF. The only type that creates Skia documents:
/// <code>
/// var pdf = PdfDocumentBuilder.Create(options)
///     .Page(p => p.Footer((f, page) => f.Text($"Trang {page.Number}/{page.Count}"))
///                 .Content(c => c.Text("...").Table(t => ...)))
///     .Render();
/// </code>
/// Each <see cref="Page"/> call is a section starting on a new page; page numbers run through the whole document.
/// </summary>
public sealed class PdfDocumentBuilder
{
    private readonly PdfDocumentOptions _options;
    private readonly List<PageBuilder> _sections = [];

    private PdfDocumentBuilder(PdfDocumentOptions options) => _options = options;

    public static PdfDocumentBuilder Create(PdfDocumentOptions options) => new(options ?? throw new ArgumentNullException(nameof(options)));

    public PdfDocumentBuilder Page(Action<PageBuilder> page)
    {
        var builder = new PageBuilder();
        page(builder);
        _sections.Add(builder);
        return this;
    }

    public byte[] Render()
    {
        using var stream = new MemoryStream();
        Render(stream);
        return stream.ToArray();
    }

    private sealed record LaidPage(PageBuilder Section, List<Placement> Placements, float HeaderHeight, float FooterHeight);

    public void Render(Stream output)
    {
        _options.Validate();
        if (_sections.Count == 0)
            throw new InvalidOperationException("A document needs at least one Page(...).");
        var fonts = DocumentFonts.Load(_options.FontFolder, _options.Fonts);
        using var ctx = new RenderContext(fonts, _options.BaseStyle);

        var width = _options.ContentWidth;
        var pages = new List<LaidPage>();
        foreach (var section in _sections)
        {
            var body = Compose(section.BodyContent).Layout(ctx, width).ToList();
            var first = pages.Count + 1;
            // Header and footer heights cannot depend on the page count (unknown yet), only on the page number.
            var heights = new Dictionary<int, (float Header, float Footer)>();
            (float Header, float Footer) HeightsOf(int index)
            {
                if (!heights.TryGetValue(index, out var h))
                {
                    var info = new PageInfo(first + index, first + index);
                    h = (BandHeight(ctx, section.HeaderContent, info), BandHeight(ctx, section.FooterContent, info));
                    heights[index] = h;
                }
                return h;
            }
            var laid = Paginator.Paginate(body, index =>
            {
                var (header, footer) = HeightsOf(index);
                return ContentHeight(header, footer);
            });
            for (var i = 0; i < laid.Count; i++)
            {
                var (header, footer) = HeightsOf(i);
                pages.Add(new LaidPage(section, laid[i], header, footer));
            }
        }

        // A first pass on a canvas that draws nothing shapes everything drawn late (page numbers, chart labels), so the
        // fonts can then be cut down to exactly the glyphs the document uses.
        using (var dry = new SKNoDrawCanvas((int)Math.Ceiling(_options.PageWidth), (int)Math.Ceiling(_options.PageHeight)))
        {
            for (var i = 0; i < pages.Count; i++)
                DrawPage(ctx, dry, pages[i], new PageInfo(i + 1, pages.Count));
        }
        ctx.UseSubsetFonts();

        using var document = SKDocument.CreatePdf(output, Metadata());
        for (var i = 0; i < pages.Count; i++)
        {
            var canvas = document.BeginPage(_options.PageWidth, _options.PageHeight);
            DrawPage(ctx, canvas, pages[i], new PageInfo(i + 1, pages.Count));
            document.EndPage();
        }
        document.Close();
    }

    private SKDocumentPdfMetadata Metadata()
    {
        var created = _options.CreatedAt.ToDateTimeUtc();
        return new SKDocumentPdfMetadata
        {
            Title = _options.Title,
            Author = _options.Author,
            Subject = _options.Subject,
            Creator = _options.Creator,
            Producer = "HtxFund.Documents (SkiaSharp)",
            Creation = created,
            Modified = created,
            RasterDpi = SKDocument.DefaultRasterDpi,
        };
    }

    private float Gap(float band) => band > 0 ? Mm.ToPoints(_options.HeaderFooterGapMm) : 0;

    private float ContentHeight(float header, float footer) =>
        _options.PageHeight - Mm.ToPoints(_options.Margins.Top + _options.Margins.Bottom) - header - Gap(header) - footer - Gap(footer);

    private IBlock Compose(Action<ContentBuilder>? content)
    {
        var builder = new ContentBuilder(_options.BaseStyle);
        content?.Invoke(builder);
        return builder.Build();
    }

    private float BandHeight(RenderContext ctx, Action<ContentBuilder, PageInfo>? band, PageInfo info) =>
        band is null ? 0 : Slice.Stack(Compose(c => band(c, info)).Layout(ctx, _options.ContentWidth).ToList()).Height;

    private void DrawPage(RenderContext ctx, SKCanvas canvas, LaidPage page, PageInfo info)
    {
        var left = Mm.ToPoints(_options.Margins.Left);
        var top = Mm.ToPoints(_options.Margins.Top);
        var width = _options.ContentWidth;
        var bottom = _options.PageHeight - Mm.ToPoints(_options.Margins.Bottom);

        DrawBand(ctx, canvas, page.Section.HeaderContent, info, left, top, page.HeaderHeight);
        DrawBand(ctx, canvas, page.Section.FooterContent, info, left, bottom - page.FooterHeight, page.FooterHeight);

        var contentTop = top + page.HeaderHeight + Gap(page.HeaderHeight);
        foreach (var placement in page.Placements)
        {
            var y = contentTop + placement.Top;
            canvas.Save();
            // Whole slices get a little slack for strokes on their edges; parts of a split slice are cut exactly.
            var clipTop = placement.Offset > 0 ? y : y - 0.5f;
            var clipBottom = placement.Offset + placement.Visible < placement.Slice.Height - 0.01f ? y + placement.Visible : y + placement.Visible + 0.5f;
            canvas.ClipRect(new SKRect(left - 2, clipTop, left + width + 2, clipBottom));
            placement.Slice.Draw?.Invoke(canvas, left, y - placement.Offset);
            canvas.Restore();
        }
    }

    private void DrawBand(RenderContext ctx, SKCanvas canvas, Action<ContentBuilder, PageInfo>? band, PageInfo info, float x, float y, float height)
    {
        if (band is null || height <= 0)
            return;
        var slice = Slice.Stack(Compose(c => band(c, info)).Layout(ctx, _options.ContentWidth).ToList());
        canvas.Save();
        canvas.ClipRect(new SKRect(x - 2, y - 0.5f, x + _options.ContentWidth + 2, y + height + 0.5f));
        slice.Draw?.Invoke(canvas, x, y);
        canvas.Restore();
    }
}

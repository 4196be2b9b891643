using System.Text;
using HtxFund.Documents;
using NodaTime;
using SkiaSharp;

namespace HtxFund.Tests.Documents;

public class placing_images
{
    private static byte[] Png(int width, int height, SKColor color)
    {
        using var bitmap = new SKBitmap(width, height);
        bitmap.Erase(color);
        using var image = SKImage.FromBitmap(bitmap);
        return image.Encode(SKEncodedImageFormat.Png, 100).ToArray();
    }

    private static byte[] Render(Action<ContentBuilder> content) =>
        PdfDocumentBuilder.Create(new PdfDocumentOptions { Title = "Ảnh", Author = "HtxFund", CreatedAt = Instant.FromUtc(2026, 12, 7, 0, 0), Margins = PageMargins.Uniform(20) })
            .Page(p => p.Content(content))
            .Render();

    [Fact]
    public void a_png_is_embedded_as_an_image_scaled_to_its_share_of_the_column_centred_keeping_its_aspect_ratio()
    {
        var pdf = Render(c => c.Text("Trên ảnh").Image(Png(200, 100, SKColors.Red), 0.5f).Text("Dưới ảnh"));

        Encoding.Latin1.GetString(pdf).ShouldContain("/Subtype /Image");
        var text = PdfTools.Text(pdf);
        text.ShouldContain("Trên ảnh");
        text.ShouldContain("Dưới ảnh");

        using var page = PdfTools.FirstPageImage(pdf, dpi: 50);
        bool Red(int x, int y) => page.GetPixel(x, y) is var p && p.Red > 200 && p.Green < 60 && p.Blue < 60;
        var red = Enumerable.Range(0, page.Width).SelectMany(x => Enumerable.Range(0, page.Height).Where(y => Red(x, y)).Select(y => (x, y))).ToList();
        red.ShouldNotBeEmpty();
        var (left, right) = (red.Min(p => p.x), red.Max(p => p.x));
        var (top, bottom) = (red.Min(p => p.y), red.Max(p => p.y));
        // half the 170 mm column (85 mm = 167 px at 50 dpi), centred: as far from the left edge of the page as from the right
        (right - left + 1).ShouldBeInRange(165, 169);
        Math.Abs(left - (page.Width - 1 - right)).ShouldBeLessThanOrEqualTo(2);
        // 2:1 like the PNG
        ((double)(right - left + 1) / (bottom - top + 1)).ShouldBe(2.0, 0.1);
    }

    [Fact]
    public void bytes_that_are_not_an_image_are_refused()
    {
        Should.Throw<ArgumentException>(() => Render(c => c.Image([1, 2, 3, 4])));
    }
}

using System.Security.Cryptography;
using System.Text;
using HtxFund.Files;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using SkiaSharp;

namespace HtxFund.Tests.Files;

public sealed class inspecting_an_upload
{
    private static readonly FileLimits Limits = FileLimits.Default;

    private static FileUpload Accepted(string? name, byte[] content, FileLimits? limits = null)
    {
        var result = FileUpload.FromBytes(name, content, limits ?? Limits);
        result.Refusal.ShouldBeNull();
        return result.Upload!;
    }

    private static FileRefusal Refused(string? name, byte[]? content, FileLimits? limits = null)
    {
        var result = FileUpload.FromBytes(name, content, limits ?? Limits);
        result.IsAccepted.ShouldBeFalse();
        return result.Refusal!;
    }

    [Fact]
    public void the_samples_are_real_images()
    {
        SKBitmap.Decode(FileSamples.Png()).ShouldNotBeNull().Width.ShouldBe(1);
        SKBitmap.Decode(FileSamples.Jpeg()).ShouldNotBeNull().Width.ShouldBe(2);
    }

    [Fact]
    public void a_pdf_is_accepted_by_its_content()
    {
        var upload = Accepted("ke-hoach-kinh-doanh.pdf", FileSamples.Pdf());

        upload.Kind.ShouldBe(FileKind.Pdf);
        upload.ContentType.ShouldBe("application/pdf");
        upload.FileName.ShouldBe("ke-hoach-kinh-doanh.pdf");
        upload.SizeBytes.ShouldBe(FileSamples.Pdf().Length);
    }

    [Fact]
    public void a_jpeg_is_accepted_by_its_content()
    {
        var upload = Accepted("so-do.jpeg", FileSamples.Jpeg());

        upload.Kind.ShouldBe(FileKind.Jpeg);
        upload.ContentType.ShouldBe("image/jpeg");
        upload.FileName.ShouldBe("so-do.jpeg");
    }

    [Fact]
    public void a_png_is_accepted_by_its_content()
    {
        var upload = Accepted("anh.png", FileSamples.Png());

        upload.Kind.ShouldBe(FileKind.Png);
        upload.ContentType.ShouldBe("image/png");
    }

    [Fact]
    public void the_sha256_is_the_lower_case_hex_of_the_content()
    {
        var bytes = FileSamples.Pdf();

        Accepted("a.pdf", bytes).Sha256.ShouldBe(Convert.ToHexString(SHA256.HashData(bytes)).ToLowerInvariant());
    }

    [Fact]
    public void an_exe_named_as_a_pdf_is_refused()
    {
        var refusal = Refused("hoso.pdf", FileSamples.Exe());

        refusal.Code.ShouldBe("file.type_not_allowed");
        refusal.Message.ShouldBe("Chỉ chấp nhận tệp PDF, JPEG hoặc PNG (kiểm tra theo nội dung tệp).");
    }

    [Fact]
    public void html_named_as_a_png_is_refused() =>
        Refused("anh.png", FileSamples.Html()).Code.ShouldBe("file.type_not_allowed");

    [Fact]
    public void a_zip_named_as_a_jpeg_is_refused() =>
        Refused("anh.jpg", FileSamples.Zip()).Code.ShouldBe("file.type_not_allowed");

    [Fact]
    public void a_pdf_preceded_by_anything_is_refused() =>
        Refused("a.pdf", [.. " "u8, .. FileSamples.Pdf()]).Code.ShouldBe("file.type_not_allowed");

    [Fact]
    public void an_empty_file_is_refused()
    {
        var refusal = Refused("hoso.pdf", []);

        refusal.Code.ShouldBe("file.empty");
        refusal.Message.ShouldBe("Tệp đính kèm không có nội dung (0 byte).");
    }

    [Fact]
    public async Task a_missing_file_is_refused()
    {
        Refused("hoso.pdf", null).Code.ShouldBe("file.required");
        (await FileUpload.ReadAsync((IFormFile?)null, Limits, CancellationToken.None)).Refusal!.Code.ShouldBe("file.required");
    }

    [Fact]
    public void exactly_the_limit_is_accepted_and_one_byte_more_is_refused()
    {
        Accepted("a.pdf", FileSamples.PdfOfSize(FileLimits.DefaultMaxBytes)).SizeBytes.ShouldBe(10 * 1024 * 1024);

        var refusal = Refused("a.pdf", FileSamples.PdfOfSize(FileLimits.DefaultMaxBytes + 1));

        refusal.Code.ShouldBe("file.too_large");
        refusal.Message.ShouldBe("Tệp đính kèm vượt quá dung lượng cho phép (10 MB).");
    }

    [Fact]
    public void a_smaller_configured_limit_is_applied()
    {
        var limits = new FileLimits(2048);

        Accepted("a.pdf", FileSamples.PdfOfSize(2048), limits);
        Refused("a.pdf", FileSamples.PdfOfSize(2049), limits).Message.ShouldBe("Tệp đính kèm vượt quá dung lượng cho phép (2 KB).");
    }

    [Fact]
    public void the_limit_comes_from_configuration_with_a_default_of_ten_mebibytes()
    {
        FileLimits.From(Configuration()).MaxBytes.ShouldBe(10 * 1024 * 1024);
        FileLimits.From(Configuration(("HtxFund:Files:MaxBytes", "5242880"))).MaxBytes.ShouldBe(5 * 1024 * 1024);
        Should.Throw<InvalidOperationException>(() => FileLimits.From(Configuration(("HtxFund:Files:MaxBytes", "0"))));
    }

    [Fact]
    public void damaged_files_of_an_accepted_kind_are_refused()
    {
        var pdf = FileSamples.Pdf();
        var truncatedPdf = pdf[..(pdf.Length - 10)];
        var png = FileSamples.Png();
        var pngWithoutHeaderChunk = png[..8].Concat(png[33..]).ToArray();
        var truncatedPng = png[..40];
        var jpeg = FileSamples.Jpeg();
        var truncatedJpeg = jpeg[..(jpeg.Length - 2)];

        foreach (var damaged in new[] { truncatedPdf, pngWithoutHeaderChunk, truncatedPng, truncatedJpeg, "%PDF-"u8.ToArray() })
        {
            var refusal = Refused("x", damaged);
            refusal.Code.ShouldBe("file.type_not_allowed");
            refusal.Message.ShouldContain("không hoàn chỉnh hoặc bị hỏng");
        }
    }

    [Fact]
    public void a_jpeg_with_a_small_trailer_is_accepted_but_not_with_a_large_appended_payload()
    {
        var jpeg = FileSamples.Jpeg();

        Accepted("a.jpg", [.. jpeg, .. new byte[1024]]).Kind.ShouldBe(FileKind.Jpeg);
        Refused("a.jpg", [.. jpeg, .. new byte[FileInspector.JpegTrailerWindow]]).Code.ShouldBe("file.type_not_allowed");
    }

    [Fact]
    public void a_name_that_disagrees_with_the_content_is_stored_under_the_detected_type()
    {
        var pdf = FileSamples.Pdf();

        Accepted("hoso.png", pdf).FileName.ShouldBe("hoso.pdf");
        Accepted("hoso.exe", pdf).FileName.ShouldBe("hoso.exe.pdf");
        Accepted("Báo cáo Q1.2025", pdf).FileName.ShouldBe("Báo cáo Q1.2025.pdf");
        Accepted("HOSO.PDF", pdf).FileName.ShouldBe("HOSO.PDF");
        Accepted("anh.pdf", FileSamples.Png()).FileName.ShouldBe("anh.png");
        Accepted("anh.jpeg", FileSamples.Png()).ContentType.ShouldBe("image/png");
    }

    [Fact]
    public async Task a_form_file_is_judged_by_its_bytes_not_its_declared_content_type()
    {
        var pdf = FileSamples.Pdf();
        var form = new FormFile(new MemoryStream(pdf), 0, pdf.Length, "file", "hoso.png")
        {
            Headers = new HeaderDictionary(), ContentType = "image/png",
        };

        var result = await FileUpload.ReadAsync(form, Limits, CancellationToken.None);

        result.Upload.ShouldNotBeNull().ContentType.ShouldBe("application/pdf");
        result.Upload.FileName.ShouldBe("hoso.pdf");
        result.Upload.Content.ShouldBe(pdf);
    }

    [Fact]
    public async Task an_oversized_form_file_is_refused_before_it_is_read()
    {
        var stream = new EndlessStream();
        var form = new FormFile(stream, 0, FileLimits.DefaultMaxBytes + 1, "file", "hoso.pdf");

        var result = await FileUpload.ReadAsync(form, Limits, CancellationToken.None);

        result.Refusal.ShouldNotBeNull().Code.ShouldBe("file.too_large");
        stream.BytesRead.ShouldBe(0);
    }

    [Fact]
    public async Task an_endless_stream_is_read_only_up_to_one_byte_over_the_limit()
    {
        var stream = new EndlessStream();

        var result = await FileUpload.ReadAsync(stream, "hoso.pdf", new FileLimits(100_000), CancellationToken.None);

        result.Refusal.ShouldNotBeNull().Code.ShouldBe("file.too_large");
        stream.BytesRead.ShouldBe(100_001);
    }

    [Fact]
    public void path_traversal_is_cut_to_the_last_segment()
    {
        FileNames.Sanitise("../../etc/passwd.pdf", FileKind.Pdf).ShouldBe("passwd.pdf");
        FileNames.Sanitise(@"..\..\Windows\system32\hoso.pdf", FileKind.Pdf).ShouldBe("hoso.pdf");
        FileNames.Sanitise(@"C:\Users\Lan\Desktop\Báo cáo.pdf", FileKind.Pdf).ShouldBe("Báo cáo.pdf");
        FileNames.Sanitise("../..", FileKind.Pdf).ShouldBe("tep-dinh-kem.pdf");
        FileNames.Sanitise(".htaccess", FileKind.Png).ShouldBe("htaccess.png");
    }

    [Fact]
    public void control_and_format_characters_are_stripped()
    {
        FileNames.Sanitise("ho\u0000so\u0007\r\n.pdf", FileKind.Pdf).ShouldBe("hoso.pdf");
        // A right-to-left override would make "hoso\u202Efdp.exe" display as "hosoexe.pdf".
        FileNames.Sanitise("hoso\u202Efdp.exe", FileKind.Pdf).ShouldBe("hosofdp.exe.pdf");
        FileNames.Sanitise("a<b>c:d\"e|f?g*h.pdf", FileKind.Pdf).ShouldBe("a_b_c_d_e_f_g_h.pdf");
        FileNames.Sanitise(null, FileKind.Jpeg).ShouldBe("tep-dinh-kem.jpg");
        FileNames.Sanitise("   ", FileKind.Png).ShouldBe("tep-dinh-kem.png");
    }

    [Fact]
    public void decomposed_unicode_is_stored_composed()
    {
        var decomposed = "Ba\u0301o ca\u0301o ta\u0300i chi\u0301nh.pdf".Normalize(NormalizationForm.FormD);

        var name = FileNames.Sanitise(decomposed, FileKind.Pdf);

        name.ShouldBe("Báo cáo tài chính.pdf");
        name.IsNormalized(NormalizationForm.FormC).ShouldBeTrue();
    }

    [Fact]
    public void a_long_name_is_cut_to_two_hundred_characters_keeping_its_extension()
    {
        var name = FileNames.Sanitise(string.Concat(Enumerable.Repeat("Hợp tác xã ", 40)) + ".pdf", FileKind.Pdf);

        name.Length.ShouldBeLessThanOrEqualTo(200);
        name.ShouldEndWith(".pdf");
        name.ShouldStartWith("Hợp tác xã Hợp tác xã");
        name.IsNormalized(NormalizationForm.FormC).ShouldBeTrue();

        var emoji = FileNames.Sanitise(string.Concat(Enumerable.Repeat("😀", 150)), FileKind.Png);
        emoji.Length.ShouldBeLessThanOrEqualTo(200);
        char.IsHighSurrogate(emoji[^5]).ShouldBeFalse(); // no half pair before ".png"
    }

    [Fact]
    public void a_vietnamese_name_is_sent_as_rfc_5987_with_an_ascii_fallback()
    {
        var disposition = FileNames.ContentDisposition("Báo cáo tài chính 2025.pdf");

        disposition.ShouldBe("attachment; filename=\"Bao cao tai chinh 2025.pdf\"; " +
                             "filename*=UTF-8''B%C3%A1o%20c%C3%A1o%20t%C3%A0i%20ch%C3%ADnh%202025.pdf");
        Uri.UnescapeDataString(disposition[(disposition.IndexOf("''", StringComparison.Ordinal) + 2)..])
            .ShouldBe("Báo cáo tài chính 2025.pdf");
        FileNames.AsciiFallback("Đơn đề nghị vay vốn \"HTX\".pdf").ShouldBe("Don de nghi vay von _HTX_.pdf");
    }

    [Fact]
    public async Task a_download_carries_type_name_nosniff_and_the_sha256_as_etag()
    {
        var upload = Accepted("Đơn đề nghị vay vốn.pdf", FileSamples.Pdf());
        var file = StoredFileFor(upload);
        var context = new DefaultHttpContext();
        context.Response.Body = new MemoryStream();

        await FileStore.Download(new LoadedFile(file, upload.Content)).ExecuteAsync(context);

        context.Response.StatusCode.ShouldBe(200);
        context.Response.ContentType.ShouldBe("application/pdf");
        context.Response.ContentLength.ShouldBe(upload.SizeBytes);
        context.Response.Headers["X-Content-Type-Options"].ToString().ShouldBe("nosniff");
        context.Response.Headers.ETag.ToString().ShouldBe($"\"{upload.Sha256}\"");
        context.Response.Headers.CacheControl.ToString().ShouldBe("private, no-cache");
        context.Response.Headers.ContentDisposition.ToString().ShouldBe(
            "attachment; filename=\"Don de nghi vay von.pdf\"; filename*=UTF-8''%C4%90%C6%A1n%20%C4%91%E1%BB%81%20ngh%E1%BB%8B%20vay%20v%E1%BB%91n.pdf");
        ((MemoryStream)context.Response.Body).ToArray().ShouldBe(upload.Content);
    }

    [Fact]
    public async Task a_download_already_held_by_the_browser_answers_not_modified()
    {
        var upload = Accepted("a.png", FileSamples.Png());
        var context = new DefaultHttpContext();
        context.Response.Body = new MemoryStream();
        context.Request.Headers.IfNoneMatch = $"\"other\", \"{upload.Sha256}\"";

        await FileStore.Download(new LoadedFile(StoredFileFor(upload), upload.Content)).ExecuteAsync(context);

        context.Response.StatusCode.ShouldBe(304);
        context.Response.Body.Length.ShouldBe(0);
    }

    private static StoredFile StoredFileFor(FileUpload upload) => new()
    {
        Id = Guid.CreateVersion7(), FileName = upload.FileName, ContentType = upload.ContentType, Kind = upload.Kind,
        SizeBytes = upload.SizeBytes, Sha256 = upload.Sha256, Owner = "application:test", UploadedBy = Guid.Empty,
        UploadedByName = "system", UploadedAt = AppFixture.Start,
    };

    private static IConfiguration Configuration(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => KeyValuePair.Create(v.Key, (string?)v.Value))).Build();

    /// <summary>Yields '%' bytes for ever and counts how many were taken.</summary>
    private sealed class EndlessStream : Stream
    {
        public long BytesRead { get; private set; }
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => BytesRead; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override int Read(byte[] buffer, int offset, int count)
        {
            buffer.AsSpan(offset, count).Fill((byte)'%');
            BytesRead += count;
            return count;
        }
    }
}

using System.Diagnostics;
using SkiaSharp;

namespace HtxFund.Tests.Documents;

/// <summary>Opens generated PDFs with poppler (pdftotext, pdftoppm, pdfinfo), as a reader would.</summary>
internal static class PdfTools
{
    /// <summary>The text of the PDF in layout mode; pages are separated by form feeds (\f).</summary>
    public static string Text(byte[] pdf) => WithFile(pdf, path => Run("pdftotext", "-layout", "-enc", "UTF-8", path, "-"));

    public static string[] Pages(byte[] pdf) => Text(pdf).TrimEnd('\f', '\n').Split('\f');

    public static string Info(byte[] pdf) => WithFile(pdf, path => Run("pdfinfo", path));

    /// <summary>Rasterises the first page and returns the decoded bitmap.</summary>
    public static SKBitmap FirstPageImage(byte[] pdf, int dpi = 50) => WithFile(pdf, path =>
    {
        var prefix = Path.Combine(Path.GetDirectoryName(path)!, Path.GetFileNameWithoutExtension(path));
        Run("pdftoppm", "-png", "-r", dpi.ToString(), "-f", "1", "-l", "1", "-singlefile", path, prefix);
        var png = prefix + ".png";
        try
        {
            return SKBitmap.Decode(png) ?? throw new InvalidOperationException("pdftoppm produced no readable PNG.");
        }
        finally
        {
            File.Delete(png);
        }
    });

    private static T WithFile<T>(byte[] pdf, Func<string, T> use)
    {
        var path = Path.Combine(Path.GetTempPath(), $"htxfund-doc-{Guid.NewGuid():N}.pdf");
        File.WriteAllBytes(path, pdf);
        try
        {
            return use(path);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static string Run(string tool, params string[] args)
    {
        var info = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
            info.ArgumentList.Add(arg);
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"{tool} did not start.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(30_000))
        {
            process.Kill();
            throw new TimeoutException($"{tool} did not finish in 30 s.");
        }
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{tool} failed ({process.ExitCode}): {stderr.Result}");
        return stdout.Result;
    }
}

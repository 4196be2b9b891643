using System.Collections.Concurrent;
using System.Reflection;
using System.Runtime.InteropServices;
using SkiaSharp;
using SkiaSharp.HarfBuzz;

namespace HtxFund.Documents.Layout;

/// <summary>Thrown when a font file the document layer needs is not where the options say.</summary>
public sealed class DocumentFontNotFoundException(string path)
    : FileNotFoundException(
        $"The font file '{path}' was not found. Install Debian's fonts-dejavu-core (or set PdfDocumentOptions.FontFolder/Fonts to a folder holding it).",
        path);

/// <summary>One typeface with its HarfBuzz shaper. Shaping is serialised per face, so a face can be shared by threads.</summary>
internal sealed class FontFace(SKTypeface typeface, string path)
{
    private readonly SKShaper _shaper = new(typeface);
    private readonly Lock _lock = new();

    public SKTypeface Typeface { get; } = typeface;

    /// <summary>The font file, for subsetting.</summary>
    public string Path { get; } = path;

    public SKShaper.Result Shape(string text, SKFont font)
    {
        lock (_lock)
            return _shaper.Shape(text, font);
    }
}

/// <summary>The four faces of a family, loaded once per folder and file set for the life of the process.</summary>
internal sealed class DocumentFonts
{
    private static readonly ConcurrentDictionary<(string Folder, FontFiles Files), Lazy<DocumentFonts>> Cache = new();

    private readonly FontFace[] _faces;

    private DocumentFonts(FontFace[] faces) => _faces = faces;

    public FontFace Face(bool bold, bool italic) => _faces[(bold ? 1 : 0) + (italic ? 2 : 0)];

    public static DocumentFonts Load(string folder, FontFiles files)
    {
        HarfBuzzNative.EnsureResolvable();
        var key = (Path.GetFullPath(folder), files);
        var lazy = Cache.GetOrAdd(key, k => new Lazy<DocumentFonts>(() => Create(k.Folder, k.Files)));
        try
        {
            return lazy.Value;
        }
        catch
        {
            // A missing file must not poison the cache: the next call looks again (e.g. after fonts are installed).
            Cache.TryRemove(new KeyValuePair<(string, FontFiles), Lazy<DocumentFonts>>(key, lazy));
            throw;
        }
    }

    private static DocumentFonts Create(string folder, FontFiles files)
    {
        string[] names = [files.Regular, files.Bold, files.Italic, files.BoldItalic];
        var faces = new FontFace[names.Length];
        for (var i = 0; i < names.Length; i++)
        {
            var path = Path.Combine(folder, names[i]);
            if (!File.Exists(path))
                throw new DocumentFontNotFoundException(path);
            var typeface = SKTypeface.FromFile(path)
                ?? throw new InvalidDataException($"The font file '{path}' could not be read as a font.");
            faces[i] = new FontFace(typeface, path);
        }
        return new DocumentFonts(faces);
    }
}

/// <summary>
/// SkiaSharp.HarfBuzz calls into a native library named <c>libHarfBuzzSharp</c>. When the package that ships it for
/// Linux (HarfBuzzSharp.NativeAssets.Linux) is not deployed, the system's HarfBuzz (Debian's libharfbuzz0b, which exports
/// the same C API) is used instead.
/// </summary>
internal static class HarfBuzzNative
{
    private static readonly Lazy<bool> Registered = new(Register);

    public static void EnsureResolvable() => _ = Registered.Value;

    private static bool Register()
    {
        try
        {
            NativeLibrary.SetDllImportResolver(typeof(HarfBuzzSharp.Blob).Assembly, Resolve);
            return true;
        }
        catch (InvalidOperationException)
        {
            // Someone else already installed a resolver for HarfBuzzSharp; theirs wins.
            return false;
        }
    }

    private static IntPtr Resolve(string libraryName, Assembly assembly, DllImportSearchPath? searchPath)
    {
        if (NativeLibrary.TryLoad(libraryName, assembly, searchPath, out var handle))
            return handle;
        if (!libraryName.Contains("HarfBuzz", StringComparison.OrdinalIgnoreCase))
            return IntPtr.Zero;
        foreach (var candidate in new[] { "libharfbuzz.so.0", "libharfbuzz.so", "libharfbuzz.0.dylib", "harfbuzz" })
            if (NativeLibrary.TryLoad(candidate, out handle))
                return handle;
        throw new DllNotFoundException(
            "HarfBuzz was not found: deploy HarfBuzzSharp.NativeAssets.Linux or install the system library (Debian: libharfbuzz0b).");
    }
}

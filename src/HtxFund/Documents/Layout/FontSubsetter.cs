using System.Runtime.InteropServices;

namespace HtxFund.Documents.Layout;

/// <summary>
/// Cuts a font down to the glyphs a document uses, with HarfBuzz's subsetter (the system's libharfbuzz-subset).
/// The Skia build shipped with SkiaSharp embeds whole fonts in PDFs (about 350 kB per face of DejaVu Sans); drawing
/// with a subset keeps a letter at tens of kilobytes. Glyph ids are retained, so glyphs shaped with the full font
/// draw unchanged. When the subsetter is not installed or fails, <see cref="Subset"/> returns null and the whole
/// font is embedded as before.
/// </summary>
internal static class FontSubsetter
{
    private const uint RetainGlyphIds = 0x2;
    private const uint NoHinting = 0x1;

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)] private delegate IntPtr BlobFromFile([MarshalAs(UnmanagedType.LPUTF8Str)] string path);
    [UnmanagedFunctionPointer(CallingConvention.Cdecl)] private delegate IntPtr FaceCreate(IntPtr blob, uint index);
    [UnmanagedFunctionPointer(CallingConvention.Cdecl)] private delegate void Destroy(IntPtr handle);
    [UnmanagedFunctionPointer(CallingConvention.Cdecl)] private delegate IntPtr Create();
    [UnmanagedFunctionPointer(CallingConvention.Cdecl)] private delegate IntPtr Get(IntPtr handle);
    [UnmanagedFunctionPointer(CallingConvention.Cdecl)] private delegate void SetAdd(IntPtr set, uint value);
    [UnmanagedFunctionPointer(CallingConvention.Cdecl)] private delegate void SetFlags(IntPtr input, uint flags);
    [UnmanagedFunctionPointer(CallingConvention.Cdecl)] private delegate IntPtr SubsetOrFail(IntPtr face, IntPtr input);
    [UnmanagedFunctionPointer(CallingConvention.Cdecl)] private delegate IntPtr BlobData(IntPtr blob, out uint length);

    private sealed record Api(
        BlobFromFile BlobFromFile, FaceCreate FaceCreate, Destroy FaceDestroy, Destroy BlobDestroy, Get FaceReferenceBlob,
        BlobData BlobGetData, SetAdd SetAdd, Create InputCreate, Destroy InputDestroy, Get GlyphSet, Get UnicodeSet,
        SetFlags InputSetFlags, SubsetOrFail SubsetOrFail);

    private static readonly Lazy<Api?> Native = new(Load);

    public static bool IsAvailable => Native.Value is not null;

    /// <summary>The font at <paramref name="path"/> reduced to the given glyphs and code points, or null.</summary>
    public static byte[]? Subset(string path, IEnumerable<ushort> glyphs, IEnumerable<int> codepoints)
    {
        if (Native.Value is not { } api)
            return null;
        IntPtr blob = 0, face = 0, input = 0, subset = 0, subsetBlob = 0;
        try
        {
            blob = api.BlobFromFile(path);
            if (blob == 0)
                return null;
            face = api.FaceCreate(blob, 0);
            input = api.InputCreate();
            if (face == 0 || input == 0)
                return null;
            var glyphSet = api.GlyphSet(input);
            api.SetAdd(glyphSet, 0); // .notdef
            foreach (var glyph in glyphs)
                api.SetAdd(glyphSet, glyph);
            var unicodeSet = api.UnicodeSet(input);
            foreach (var codepoint in codepoints)
                api.SetAdd(unicodeSet, (uint)codepoint);
            api.InputSetFlags(input, RetainGlyphIds | NoHinting);
            subset = api.SubsetOrFail(face, input);
            if (subset == 0)
                return null;
            subsetBlob = api.FaceReferenceBlob(subset);
            var data = api.BlobGetData(subsetBlob, out var length);
            if (data == 0 || length == 0)
                return null;
            var bytes = new byte[length];
            Marshal.Copy(data, bytes, 0, (int)length);
            return bytes;
        }
        finally
        {
            if (subsetBlob != 0) api.BlobDestroy(subsetBlob);
            if (subset != 0) api.FaceDestroy(subset);
            if (input != 0) api.InputDestroy(input);
            if (face != 0) api.FaceDestroy(face);
            if (blob != 0) api.BlobDestroy(blob);
        }
    }

    private static Api? Load()
    {
        if (!TryLoad(["libharfbuzz.so.0", "libharfbuzz.0.dylib", "harfbuzz"], out var core)
            || !TryLoad(["libharfbuzz-subset.so.0", "libharfbuzz-subset.0.dylib", "harfbuzz-subset"], out var subset))
            return null;
        try
        {
            T F<T>(IntPtr library, string name) where T : Delegate =>
                Marshal.GetDelegateForFunctionPointer<T>(NativeLibrary.GetExport(library, name));
            return new Api(
                F<BlobFromFile>(core, "hb_blob_create_from_file_or_fail"), F<FaceCreate>(core, "hb_face_create"),
                F<Destroy>(core, "hb_face_destroy"), F<Destroy>(core, "hb_blob_destroy"), F<Get>(core, "hb_face_reference_blob"),
                F<BlobData>(core, "hb_blob_get_data"), F<SetAdd>(core, "hb_set_add"),
                F<Create>(subset, "hb_subset_input_create_or_fail"), F<Destroy>(subset, "hb_subset_input_destroy"),
                F<Get>(subset, "hb_subset_input_glyph_set"), F<Get>(subset, "hb_subset_input_unicode_set"),
                F<SetFlags>(subset, "hb_subset_input_set_flags"), F<SubsetOrFail>(subset, "hb_subset_or_fail"));
        }
        catch (EntryPointNotFoundException)
        {
            return null; // A HarfBuzz older than 2.9 lacks the flags API: embed whole fonts.
        }
    }

    private static bool TryLoad(string[] names, out IntPtr handle)
    {
        foreach (var name in names)
            if (NativeLibrary.TryLoad(name, out handle))
                return true;
        handle = 0;
        return false;
    }
}

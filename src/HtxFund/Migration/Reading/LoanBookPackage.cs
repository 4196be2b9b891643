using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using ExcelDataReader;

namespace HtxFund.Migration.Reading;

/// <summary>A sheet as the reader sees it: its values row by row (index 0 = workbook row 1, as ExcelDataReader gives
/// them: DateTime for a date cell, double for a number, string, bool or null) and what the package says of its cells.</summary>
public sealed record SheetContent(string Name, bool Hidden, IReadOnlyList<object?[]> Rows, IReadOnlySet<string> Formulas,
    IReadOnlyList<string> MergedRanges, IReadOnlySet<int> HiddenRows);

/// <summary>
/// Opens the uploaded bytes: the package with DocumentFormat.OpenXml (streamed, for hidden sheets and rows, merged cells,
/// formulas and the number of rows), the values with ExcelDataReader. Refuses what is not an xlsx, a broken package
/// and a sheet over the row limit as a whole.
/// </summary>
public static class LoanBookPackage
{
    // ExcelDataReader's configuration asks for code page 1252 (for .xls) even when it reads an .xlsx.
    static LoanBookPackage() => System.Text.Encoding.RegisterProvider(System.Text.CodePagesEncodingProvider.Instance);

    private static ReadOnlySpan<byte> ZipSignature => [0x50, 0x4B, 0x03, 0x04];

    public static (IReadOnlyList<SheetContent>? Sheets, RowRefusal? Refusal) Open(byte[] content, LoanBookLimits limits)
    {
        if (content.Length > limits.MaxBytes)
            return (null, FileRefusal(LoanBookCodes.TooLarge, $"Tệp vượt quá dung lượng cho phép ({Files.FileLimits.Wording(limits.MaxBytes)})."));
        if (content.Length == 0) return (null, FileRefusal(LoanBookCodes.Empty, "Tệp không có nội dung (0 byte)."));
        if (!content.AsSpan().StartsWith(ZipSignature))
            return (null, FileRefusal(LoanBookCodes.NotXlsx, "Tệp không phải bảng tính Excel (.xlsx). Vui lòng dùng mẫu tải từ HtxFund."));
        try
        {
            var structure = Structure(content, limits);
            if (structure.TooLong is { } sheet)
                return (null, new RowRefusal(new CellAddress(sheet, limits.MaxRows + 1, null, null), LoanBookCodes.TooManyRows,
                    $"Trang tính \"{sheet}\" có quá {limits.MaxRows.ToString("N0", Vi)} dòng; hãy chia thành nhiều tệp."));
            var values = Values(content);
            return ([.. structure.Sheets.Select(s => s with { Rows = values.GetValueOrDefault(s.Name) ?? [] })], null);
        }
        catch (Exception e) when (e is InvalidDataException or OpenXmlPackageException or IOException or InvalidOperationException
                                       or System.Xml.XmlException or FormatException or ArgumentException or NotSupportedException
                                       or ExcelDataReader.Exceptions.ExcelReaderException)
        {
            return (null, FileRefusal(LoanBookCodes.Corrupt, "Tệp Excel bị hỏng hoặc không đọc được (gói .xlsx không hợp lệ)."));
        }
    }

    private static readonly CultureInfo Vi = CultureInfo.GetCultureInfo("vi-VN");

    private static RowRefusal FileRefusal(string code, string message) => new(new CellAddress("", 0, null, null), code, message);

    private sealed record PackageStructure(IReadOnlyList<SheetContent> Sheets, string? TooLong);

    private static PackageStructure Structure(byte[] content, LoanBookLimits limits)
    {
        using var stream = new MemoryStream(content, writable: false);
        using var document = SpreadsheetDocument.Open(stream, false);
        var workbook = document.WorkbookPart ?? throw new InvalidDataException("No workbook part.");
        var sheets = new List<SheetContent>();
        foreach (var sheet in workbook.Workbook.Sheets?.Elements<Sheet>() ?? [])
        {
            var name = sheet.Name?.Value ?? "";
            var hidden = sheet.State is not null && sheet.State.Value != SheetStateValues.Visible;
            if (sheet.Id?.Value is not { } id || workbook.GetPartById(id) is not WorksheetPart part)
            {
                sheets.Add(new SheetContent(name, hidden, [], new HashSet<string>(), [], new HashSet<int>()));
                continue;
            }
            var formulas = new HashSet<string>();
            var merged = new List<string>();
            var hiddenRows = new HashSet<int>();
            var rows = 0;
            string? cell = null;
            using var reader = OpenXmlReader.Create(part);
            while (reader.Read())
            {
                if (!reader.IsStartElement) continue;
                if (reader.ElementType == typeof(Row))
                {
                    if (++rows > limits.MaxRows + 1) return new PackageStructure(sheets, name);
                    var index = Attribute(reader, "r");
                    if (Attribute(reader, "hidden") is "1" or "true" && int.TryParse(index, out var r)) hiddenRows.Add(r);
                }
                else if (reader.ElementType == typeof(Cell)) cell = Attribute(reader, "r");
                else if (reader.ElementType == typeof(CellFormula) && cell is not null) formulas.Add(cell);
                else if (reader.ElementType == typeof(MergeCell) && Attribute(reader, "ref") is { } range) merged.Add(range);
            }
            sheets.Add(new SheetContent(name, hidden, [], formulas, merged, hiddenRows));
        }
        return new PackageStructure(sheets, null);
    }

    private static string? Attribute(OpenXmlReader reader, string name) =>
        reader.Attributes.FirstOrDefault(a => a.LocalName == name) is { LocalName: not null } a ? a.Value : null;

    private static Dictionary<string, IReadOnlyList<object?[]>> Values(byte[] content)
    {
        using var stream = new MemoryStream(content, writable: false);
        using var reader = ExcelReaderFactory.CreateOpenXmlReader(stream);
        var sheets = new Dictionary<string, IReadOnlyList<object?[]>>();
        do
        {
            var rows = new List<object?[]>();
            while (reader.Read())
            {
                var values = new object?[reader.FieldCount];
                for (var i = 0; i < values.Length; i++) values[i] = reader.GetValue(i);
                rows.Add(values);
            }
            sheets.TryAdd(reader.Name, rows);
        } while (reader.NextResult());
        return sheets;
    }
}

/// <summary>Deployment limits of an uploaded loan book (configuration <c>HtxFund:LoanBook</c>): the file's size and
/// the rows of one sheet.</summary>
public sealed record LoanBookLimits
{
    public const string Section = "HtxFund:LoanBook";
    public long MaxBytes { get; init; } = 15 * 1024 * 1024;
    public int MaxRows { get; init; } = 200_000;

    public static readonly LoanBookLimits Default = new();

    public static LoanBookLimits From(IConfiguration configuration)
    {
        var limits = configuration.GetSection(Section).Get<LoanBookLimits>() ?? Default;
        // Under the HTTP layer's multipart limit (20 MiB, HttpSetup), so the refusal is ours.
        if (limits.MaxBytes is <= 0 or > 20 * 1024 * 1024 - 64 * 1024)
            throw new InvalidOperationException($"{Section}:MaxBytes must be between 1 byte and just under 20 MiB, not {limits.MaxBytes}.");
        if (limits.MaxRows is <= 0 or > 1_000_000)
            throw new InvalidOperationException($"{Section}:MaxRows must be between 1 and 1 000 000, not {limits.MaxRows}.");
        return limits;
    }
}

using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using HtxFund.Accounting.Exports;
using NodaTime;
using T = HtxFund.Migration.Template.LoanBookTemplate;

namespace HtxFund.Migration.Template;

/// <summary>
/// Writes the loan book template (DocumentFormat.OpenXml): the instructions sheet with the template version and the
/// cut-over date cell, then one sheet per <see cref="LoanBookTemplate.Sheets"/> with a bold frozen header, column widths,
/// data validation lists for the choice columns, an example row (its note is the example marker, so the reader skips it)
/// and, when given, the rows to fill (values in the sheet's column order: string, long, int, decimal, LocalDate or null).
/// </summary>
public static class LoanBookTemplateWriter
{
    private const uint DateStyle = 1, AmountStyle = 2, BoldStyle = 3, RateStyle = 4, ExampleStyle = 5;

    /// <summary>The last row the data validation lists cover.</summary>
    public const int ValidatedRows = 100_000;

    public static byte[] Write(LocalDate? cutOver = null, IReadOnlyDictionary<string, IReadOnlyList<object?[]>>? rows = null,
        int version = T.Version)
    {
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new Workbook();
            workbook.AddNewPart<WorkbookStylesPart>().Stylesheet = Styles();
            var sheets = workbook.Workbook.AppendChild(new Sheets());
            uint id = 1;
            AddSheet(workbook, sheets, id++, T.Instructions, InstructionsSheet(cutOver, version));
            foreach (var sheet in T.Sheets)
                AddSheet(workbook, sheets, id++, sheet.Name, DataSheet(sheet, rows?.GetValueOrDefault(sheet.Name) ?? []));
            workbook.Workbook.Save();
        }
        return stream.ToArray();
    }

    private static void AddSheet(WorkbookPart workbook, Sheets sheets, uint id, string name, Worksheet worksheet)
    {
        var part = workbook.AddNewPart<WorksheetPart>();
        part.Worksheet = worksheet;
        sheets.Append(new Sheet { Id = workbook.GetIdOfPart(part), SheetId = id, Name = name });
    }

    private static Worksheet InstructionsSheet(LocalDate? cutOver, int version)
    {
        string[] lines =
        [
            "Mỗi trang tính có một dòng tiêu đề (dòng 1) và một dòng mẫu (ghi chú \"" + T.ExampleMarker + "\"), dòng mẫu được bỏ qua khi nhập.",
            "Không đổi tên trang tính hay tiêu đề cột; không gộp ô, không dùng công thức, không ẩn trang tính hay dòng.",
            "Ngày: nhập ô kiểu ngày hoặc văn bản dd/mm/yyyy (ví dụ 05/03/2024). Số tiền: đồng, số nguyên (5000000 hoặc 5.000.000).",
            "Hợp tác xã đã có trong quỹ (cùng mã số thuế) không bị thay đổi. Khoản vay có lịch riêng: ghi các kỳ ở trang \"" + T.Schedule.Sheet + "\".",
            "Mỗi khoản vay ghi lịch sử (trang \"" + T.Tranche.Sheet + "\" và \"" + T.Repayment.Sheet + "\") hoặc số dư đầu kỳ tại ngày chuyển đổi, không ghi cả hai.",
            "Số dư và nhóm nợ tại ngày chuyển đổi là số liệu của quỹ để đối chiếu sau khi nhập.",
        ];
        var data = new SheetData(
            new Row(TextCell("A1", "Mẫu nhập sổ cho vay HtxFund", BoldStyle)) { RowIndex = 1 },
            new Row(TextCell("A3", T.VersionLabel, BoldStyle), NumberCell("B3", version, 0)) { RowIndex = 3 },
            new Row(TextCell("A4", T.CutOverLabel, BoldStyle),
                cutOver is { } c ? NumberCell("B4", BookXlsx.Serial(c), DateStyle) : new Cell { CellReference = "B4", StyleIndex = DateStyle })
            { RowIndex = 4 });
        for (var i = 0; i < lines.Length; i++)
            data.Append(new Row(TextCell($"A{6 + i}", lines[i], 0)) { RowIndex = (uint)(6 + i) });
        return new Worksheet(new Columns(new Column { Min = 1, Max = 1, Width = 40, CustomWidth = true },
            new Column { Min = 2, Max = 2, Width = 16, CustomWidth = true }), data);
    }

    private static Worksheet DataSheet(LoanBookSheet sheet, IReadOnlyList<object?[]> rows)
    {
        var data = new SheetData(new Row(sheet.Columns.Select((c, i) => TextCell(Ref(i, 1), c.Header, BoldStyle))) { RowIndex = 1 });
        data.Append(RowOf(2, Example(sheet), example: true));
        for (var r = 0; r < rows.Count; r++) data.Append(RowOf((uint)(r + 3), rows[r], example: false));
        var columns = new Columns(sheet.Columns.Select((c, i) => new Column
        {
            Min = (uint)i + 1, Max = (uint)i + 1, CustomWidth = true,
            Width = c.Kind switch { LoanBookColumnKind.Date => 14, LoanBookColumnKind.Amount => 18, _ => Math.Clamp(c.Header.Length + 4, 12, 40) },
        }));
        var view = new SheetViews(new SheetView(new Pane
        {
            VerticalSplit = 1, TopLeftCell = "A2", ActivePane = PaneValues.BottomLeft, State = PaneStateValues.Frozen,
        }) { WorkbookViewId = 0 });
        var validations = sheet.Columns.Select((c, i) => (c, i)).Where(x => x.c.Kind == LoanBookColumnKind.Choice).Select(x =>
            new DataValidation(new Formula1($"\"{string.Join(',', x.c.ChoiceList)}\""))
            {
                Type = DataValidationValues.List, AllowBlank = !x.c.Required, ShowErrorMessage = true, ErrorTitle = x.c.Header,
                Error = "Chọn một giá trị trong danh sách.",
                SequenceOfReferences = new ListValue<StringValue> { InnerText = $"{Ref(x.i, 2)}:{Ref(x.i, ValidatedRows)}" },
            }).ToArray();
        var worksheet = new Worksheet(view, columns, data);
        if (validations.Length > 0) worksheet.Append(new DataValidations(validations) { Count = (uint)validations.Length });
        return worksheet;
    }

    private static Row RowOf(uint index, object?[] values, bool example)
    {
        var row = new Row { RowIndex = index };
        for (var i = 0; i < values.Length; i++)
        {
            var at = Ref(i, (int)index);
            var style = example ? ExampleStyle : 0;
            Cell? cell = values[i] switch
            {
                null => null,
                LocalDate d => NumberCell(at, BookXlsx.Serial(d), DateStyle),
                long n => NumberCell(at, n, AmountStyle),
                int n => NumberCell(at, n, 0),
                decimal n => new Cell { CellReference = at, DataType = CellValues.Number, StyleIndex = RateStyle,
                    CellValue = new CellValue(n.ToString(CultureInfo.InvariantCulture)) },
                var v => TextCell(at, Convert.ToString(v, CultureInfo.InvariantCulture) ?? "", style),
            };
            if (cell is not null) row.Append(cell);
        }
        return row;
    }

    /// <summary>The example row of a sheet: one plausible line, its note the example marker.</summary>
    private static object?[] Example(LoanBookSheet sheet)
    {
        var date = new LocalDate(2023, 3, 15);
        object? ValueOf(LoanBookColumn c) => c.Header == T.Note ? T.ExampleMarker : c.Kind switch
        {
            LoanBookColumnKind.Date => date,
            LoanBookColumnKind.Amount => c.Required ? 500_000_000L : null,
            LoanBookColumnKind.Rate => 6.5m,
            LoanBookColumnKind.Number => c.Required ? 12 : null,
            LoanBookColumnKind.Choice => c.Required ? c.ChoiceList[0] : null,
            _ when c.Header.Contains("Mã số thuế") || c.Header == T.Loan.BorrowerTaxCode => "0100109106",
            _ when c.Header == T.Loan.Contract => "HĐ-001/2023",
            _ => c.Required ? "Ví dụ" : null,
        };
        return [.. sheet.Columns.Select(ValueOf)];
    }

    private static string Ref(int column, int row) => T.ColumnLetters(column) + row.ToString(CultureInfo.InvariantCulture);

    private static Cell NumberCell(string at, long value, uint style) => new()
    {
        CellReference = at, DataType = CellValues.Number, StyleIndex = style, CellValue = new CellValue(value.ToString(CultureInfo.InvariantCulture)),
    };

    private static Cell TextCell(string at, string text, uint style) =>
        new() { CellReference = at, DataType = CellValues.InlineString, InlineString = new InlineString(new Text(text)), StyleIndex = style };

    private static Stylesheet Styles() => new(
        new NumberingFormats(new NumberingFormat { NumberFormatId = 164, FormatCode = "dd/mm/yyyy" }) { Count = 1 },
        new Fonts(new Font(), new Font(new Bold()), new Font(new Italic())) { Count = 3 },
        new Fills(new Fill(new PatternFill { PatternType = PatternValues.None }), new Fill(new PatternFill { PatternType = PatternValues.Gray125 })) { Count = 2 },
        new Borders(new Border()) { Count = 1 },
        new CellFormats(
            new CellFormat(),
            new CellFormat { NumberFormatId = 164, ApplyNumberFormat = true },
            new CellFormat { NumberFormatId = 3, ApplyNumberFormat = true },
            new CellFormat { FontId = 1, ApplyFont = true },
            new CellFormat { NumberFormatId = 4, ApplyNumberFormat = true },
            new CellFormat { FontId = 2, ApplyFont = true }) { Count = 6 });
}

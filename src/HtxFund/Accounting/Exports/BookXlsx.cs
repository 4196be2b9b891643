using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using NodaTime;

namespace HtxFund.Accounting.Exports;

/// <summary>
/// XLSX of a book (one sheet): the title and its lines first (none for an import file, whose header is row 1), then the
/// header row, then the rows. Amounts are numeric cells (format #,##0, so the spreadsheet sums them); dates are date
/// cells (serial numbers) shown dd/mm/yyyy; the form's own rows (totals, balances) are bold.
/// </summary>
public static class BookXlsx
{
    private const uint DateStyle = 1, AmountStyle = 2, BoldStyle = 3, BoldAmountStyle = 4, BoldDateStyle = 5;

    public static byte[] Write(BookTable table)
    {
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new Workbook();
            workbook.AddNewPart<WorkbookStylesPart>().Stylesheet = Styles();
            var sheetPart = workbook.AddNewPart<WorksheetPart>();
            var data = new SheetData();
            uint index = 1;
            foreach (var line in new[] { table.Title }.Concat(table.Subtitles).Where(t => t.Length > 0))
                data.Append(new Row(TextCell(line, index == 1 ? BoldStyle : 0)) { RowIndex = index++ });
            if (index > 1) index++;
            data.Append(new Row(table.Columns.Select(c => TextCell(c.Header, BoldStyle))) { RowIndex = index++ });
            foreach (var row in table.Rows)
                data.Append(new Row(row.Cells.Select(v => Cell(v, row.Total))) { RowIndex = index++ });
            var columns = new Columns(table.Columns.Select((c, i) => new Column
            {
                Min = (uint)i + 1, Max = (uint)i + 1, CustomWidth = true,
                Width = c.Kind switch { BookCellKind.Date => 12, BookCellKind.Amount => 18, _ => Math.Clamp(c.Width * 14, 8, 60) },
            }));
            sheetPart.Worksheet = new Worksheet(columns, data);
            workbook.Workbook.AppendChild(new Sheets()).Append(new Sheet { Id = workbook.GetIdOfPart(sheetPart), SheetId = 1, Name = table.Sheet });
            workbook.Workbook.Save();
        }
        return stream.ToArray();
    }

    /// <summary>The Excel serial number of a date (days since 30/12/1899).</summary>
    public static int Serial(LocalDate date) => date.ToDateOnly().DayNumber - new DateOnly(1899, 12, 30).DayNumber;

    private static Cell Cell(object? value, bool bold) => value switch
    {
        null => new Cell(),
        LocalDate d => new Cell { CellValue = new CellValue(Serial(d).ToString(CultureInfo.InvariantCulture)), StyleIndex = bold ? BoldDateStyle : DateStyle },
        long n => new Cell { DataType = CellValues.Number, CellValue = new CellValue(n.ToString(CultureInfo.InvariantCulture)), StyleIndex = bold ? BoldAmountStyle : AmountStyle },
        int n => new Cell { DataType = CellValues.Number, CellValue = new CellValue(n.ToString(CultureInfo.InvariantCulture)), StyleIndex = bold ? BoldStyle : 0 },
        _ => TextCell(value.ToString() ?? "", bold ? BoldStyle : 0),
    };

    private static Cell TextCell(string text, uint style) =>
        new() { DataType = CellValues.InlineString, InlineString = new InlineString(new Text(text)), StyleIndex = style };

    private static Stylesheet Styles() => new(
        new NumberingFormats(new NumberingFormat { NumberFormatId = 164, FormatCode = "dd/mm/yyyy" }) { Count = 1 },
        new Fonts(new Font(), new Font(new Bold())) { Count = 2 },
        new Fills(new Fill(new PatternFill { PatternType = PatternValues.None }), new Fill(new PatternFill { PatternType = PatternValues.Gray125 })) { Count = 2 },
        new Borders(new Border()) { Count = 1 },
        new CellFormats(
            new CellFormat(),
            new CellFormat { NumberFormatId = 164, ApplyNumberFormat = true },
            new CellFormat { NumberFormatId = 3, ApplyNumberFormat = true },
            new CellFormat { FontId = 1, ApplyFont = true },
            new CellFormat { NumberFormatId = 3, ApplyNumberFormat = true, FontId = 1, ApplyFont = true },
            new CellFormat { NumberFormatId = 164, ApplyNumberFormat = true, FontId = 1, ApplyFont = true }) { Count = 6 });
}

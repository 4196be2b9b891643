using System.Globalization;
using HtxFund.Files;
using HtxFund.Migration.Template;
using NodaTime;
using T = HtxFund.Migration.Template.LoanBookTemplate;

namespace HtxFund.Migration.Reading;

/// <summary>What the reader made of an upload: the file's hash; whether it opened as a workbook (then it is worth
/// storing); its version and cut-over when read; the parsed file when every row passed, else the refusals.</summary>
public sealed record LoanBookReading(string Sha256, bool IsWorkbook, int? TemplateVersion, LocalDate? CutOver, LoanBookFile? File,
    IReadOnlyList<RowRefusal> Refusals, LoanBookSummary? Summary)
{
    public bool IsChecked => File is not null && Refusals.Count == 0;
}

/// <summary>
/// Reads an uploaded loan book (the template of <see cref="LoanBookTemplate"/>) into a <see cref="LoanBookFile"/>, or into
/// refusals that point at the cell they concern. A file that is not a workbook of this template (not an xlsx, broken,
/// too large or too long, another template version, a sheet or column missing, a hidden sheet, no cut-over date) is
/// refused as a whole; otherwise every row is read and every bad cell refused. Pure: the fund is given as facts.
/// </summary>
public static class LoanBookReader
{
    public static LoanBookReading Read(byte[] content, LoanBookFundFacts facts, LoanBookLimits limits)
    {
        var sha = FileUpload.Hash(content);
        LoanBookReading Whole(RowRefusal refusal, bool isWorkbook, int? version = null) => new(sha, isWorkbook, version, null, null, [refusal], null);

        var (sheets, refusal) = LoanBookPackage.Open(content, limits);
        if (sheets is null) return Whole(refusal!, false);

        var instructions = sheets.FirstOrDefault(s => s.Name == T.Instructions);
        var version = instructions is null ? null : VersionOf(instructions);
        if (version != T.Version)
            return Whole(new RowRefusal(new CellAddress(T.Instructions, 3, T.VersionLabel, T.VersionCell), LoanBookCodes.TemplateVersion,
                $"Tệp không theo mẫu phiên bản {T.Version} (ô {T.Instructions}!{T.VersionCell} là {(version?.ToString(CultureInfo.InvariantCulture) ?? "trống")}). " +
                "Vui lòng tải mẫu mới từ HtxFund và chép dữ liệu sang."), true, version);

        var refusals = new List<RowRefusal>();
        var byName = sheets.ToDictionary(s => s.Name);
        foreach (var sheet in T.Sheets.Where(d => !byName.ContainsKey(d.Name)))
            refusals.Add(new RowRefusal(new CellAddress(sheet.Name, 0, null, null), LoanBookCodes.MissingSheet,
                $"Thiếu trang tính \"{sheet.Name}\" của mẫu."));
        foreach (var hidden in sheets.Where(s => s.Hidden))
            refusals.Add(new RowRefusal(new CellAddress(hidden.Name, 0, null, null), LoanBookCodes.HiddenSheet,
                $"Trang tính \"{hidden.Name}\" đang bị ẩn; hãy bỏ ẩn hoặc xóa nó để mọi dữ liệu nhập đều nhìn thấy được."));
        var headers = new Dictionary<string, IReadOnlyDictionary<string, int>>();
        foreach (var sheet in T.Sheets.Where(d => byName.ContainsKey(d.Name)))
        {
            var first = byName[sheet.Name].Rows.FirstOrDefault() ?? [];
            var map = new Dictionary<string, int>();
            for (var i = 0; i < first.Length; i++)
                if (first[i] is string h && Reference.VietnameseText.Normalize(h) is var header && header.Length > 0) map.TryAdd(header, i);
            foreach (var column in sheet.Columns.Where(c => !map.ContainsKey(c.Header) && c.Header != T.Note))
                refusals.Add(new RowRefusal(new CellAddress(sheet.Name, 1, column.Header, null), LoanBookCodes.MissingColumn,
                    $"Trang tính \"{sheet.Name}\" thiếu cột \"{column.Header}\" ở dòng tiêu đề."));
            headers[sheet.Name] = map;
        }
        var cutOver = CutOverOf(instructions!, refusals);
        if (refusals.Count > 0) return new LoanBookReading(sha, true, version, cutOver, null, refusals, null);

        var rows = new LoanBookRowReader(cutOver!.Value, facts, sha, refusals);
        foreach (var sheet in T.Sheets)
        {
            var data = byName[sheet.Name];
            Structure(data, sheet, headers[sheet.Name], refusals, out var skipped);
            for (var r = 1; r < data.Rows.Count; r++)
            {
                var number = r + 1;
                var values = data.Rows[r];
                if (skipped.Contains(number) || values.All(v => v is null || v is string s && s.Trim().Length == 0)) continue;
                if (headers[sheet.Name].TryGetValue(T.Note, out var note) && note < values.Length &&
                    values[note] is string marker && marker.Trim() == T.ExampleMarker) continue;
                rows.Add(sheet, new LoanBookCells(sheet, number, headers[sheet.Name], values, refusals));
            }
        }
        var file = rows.Complete(version.Value);
        if (refusals.Count == 0 && file.Loans.Count == 0 && file.Cooperatives.Count == 0 && file.Members.Count == 0)
            refusals.Add(new RowRefusal(new CellAddress(T.Loan.Sheet, 3, null, null), LoanBookCodes.Empty,
                "Tệp không có dòng dữ liệu nào (ngoài dòng mẫu)."));
        return refusals.Count > 0
            ? new LoanBookReading(sha, true, version, cutOver, null, refusals, null)
            : new LoanBookReading(sha, true, version, cutOver, file, [], rows.Summary(file));
    }

    private static int? VersionOf(SheetContent instructions)
    {
        if (instructions.Rows.Count < 3 || instructions.Rows[2].Length < 2) return null;
        return instructions.Rows[2][1] switch
        {
            double d when d == Math.Floor(d) && Math.Abs(d) < 1e6 => (int)d,
            string s when int.TryParse(s.Trim(), CultureInfo.InvariantCulture, out var v) => v,
            _ => (int?)null,
        };
    }

    private static LocalDate? CutOverOf(SheetContent instructions, List<RowRefusal> refusals)
    {
        var sheet = new LoanBookSheet(T.Instructions, [new LoanBookColumn(T.CutOverLabel, LoanBookColumnKind.Date, true)]);
        var values = instructions.Rows.Count >= 4 ? instructions.Rows[3] : [];
        var before = refusals.Count;
        var cells = new LoanBookCells(sheet, 4, new Dictionary<string, int> { [T.CutOverLabel] = 1 }, values, refusals);
        var date = cells.Date(T.CutOverLabel, LoanBookCells.EarliestRecord, null);
        if (refusals.Count > before)
            refusals[before] = refusals[before] with { Code = LoanBookCodes.CutOver,
                Message = $"Ngày chuyển đổi (ô {T.Instructions}!{T.CutOverCell}) phải là một ngày từ 01/01/1990: {refusals[before].Message}" };
        return date;
    }

    /// <summary>Formulas, merged cells and hidden rows are refused at their cell; their rows are not read further.</summary>
    private static void Structure(SheetContent content, LoanBookSheet sheet, IReadOnlyDictionary<string, int> headers,
        List<RowRefusal> refusals, out HashSet<int> skipped)
    {
        var rowsSkipped = new HashSet<int>();
        string? HeaderOf(string cell)
        {
            var letters = new string(cell.TakeWhile(char.IsAsciiLetter).ToArray());
            return headers.FirstOrDefault(h => T.ColumnLetters(h.Value) == letters).Key;
        }
        static int RowOf(string cell) => int.TryParse(new string(cell.SkipWhile(char.IsAsciiLetter).ToArray()), CultureInfo.InvariantCulture, out var r) ? r : 0;
        void Add(string cell, string code, string message)
        {
            var row = RowOf(cell);
            if (!rowsSkipped.Add(row)) return;
            refusals.Add(new RowRefusal(new CellAddress(sheet.Name, row, HeaderOf(cell), cell), code, message));
        }
        foreach (var range in content.MergedRanges)
            Add(range.Split(':')[0], LoanBookCodes.MergedCells, $"Các ô {range} bị gộp; hãy bỏ gộp ô và ghi giá trị vào từng ô.");
        foreach (var cell in content.Formulas.OrderBy(RowOf))
            Add(cell, LoanBookCodes.Formula, $"Ô {cell} chứa công thức; hãy thay bằng giá trị (Dán đặc biệt → Giá trị).");
        foreach (var row in content.HiddenRows.Order())
            Add($"A{row}", LoanBookCodes.HiddenRow, $"Dòng {row} đang bị ẩn; hãy bỏ ẩn hoặc xóa dòng.");
        skipped = rowsSkipped;
    }
}

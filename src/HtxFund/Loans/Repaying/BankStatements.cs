using System.Globalization;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using HtxFund.Identity;
using HtxFund.Infrastructure.Http;
using HtxFund.Infrastructure.Http.Idempotency;
using HtxFund.Infrastructure.Time;
using HtxFund.Loans.GettingDetails;
using HtxFund.Reference;
using Marten;
using Npgsql;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using NodaTime.Text;
using Wolverine.Http;

namespace HtxFund.Loans.Repaying;

public enum StatementLineStatus
{
    /// <summary>Matched to a loan by contract number; booked at confirmation.</summary>
    Matched,
    /// <summary>Not matched (malformed, or no loan with that contract number): listed with the reason, never booked.</summary>
    Unmatched,
    /// <summary>The bank reference is already booked in the fund, or repeats an earlier line: never booked twice.</summary>
    Duplicate,
    /// <summary>Booked as a repayment at confirmation.</summary>
    Booked,
    /// <summary>Matched but refused at confirmation by the repayment rules (e.g. the loan is closed, backdated too far).</summary>
    Refused,
}

public sealed record BankStatementLine(int LineNumber, string Raw, LocalDate? Date, long? Amount, string Reference, string ContractNumber,
    string Description, StatementLineStatus Status, string? Code, string? Reason, Guid? LoanId, Guid? RepaymentId);

/// <summary>An uploaded bank statement with its preview (every line, matched or not) and, once confirmed, what was booked.</summary>
public sealed record BankStatementImport
{
    public Guid Id { get; init; }
    public string FileName { get; init; } = "";
    public string Sha256 { get; init; } = "";
    public string UploadedBy { get; init; } = "";
    public Instant UploadedAt { get; init; }
    public IReadOnlyList<BankStatementLine> Lines { get; init; } = [];
    public int ConfirmationCount { get; init; }
    public Instant? LastConfirmedAt { get; init; }
    public string? LastConfirmedBy { get; init; }

    public int MatchedCount => Lines.Count(l => l.Status == StatementLineStatus.Matched);
    public int UnmatchedCount => Lines.Count(l => l.Status == StatementLineStatus.Unmatched);
    public int DuplicateCount => Lines.Count(l => l.Status == StatementLineStatus.Duplicate);
    public int BookedCount => Lines.Count(l => l.Status == StatementLineStatus.Booked);
    public long BookedAmount => Lines.Where(l => l.Status == StatementLineStatus.Booked).Sum(l => l.Amount ?? 0);
}

/// <summary>
/// The bank statement CSV (documented in README): UTF-8 (a BOM is ignored), one payment a line,
/// <c>date;amount;reference;contract_number;description</c> with the date as dd/MM/yyyy, the amount in whole đồng
/// (digits only), the bank reference unique in the fund, and the contract number of the loan. A first line starting
/// with <c>date</c> or <c>ngày</c> is a header. Blank lines are skipped; the description may contain semicolons.
/// </summary>
public static class BankStatementCsv
{
    public const int MaxBytes = 1_000_000;
    public const int MaxLines = 5_000;
    private static readonly LocalDatePattern DatePattern = LocalDatePattern.CreateWithInvariantCulture("dd/MM/yyyy");

    public static IReadOnlyList<BankStatementLine> Parse(string text)
    {
        var lines = text.TrimStart('\uFEFF').Split('\n');
        var result = new List<BankStatementLine>();
        for (var i = 0; i < lines.Length; i++)
        {
            var raw = lines[i].TrimEnd('\r');
            if (string.IsNullOrWhiteSpace(raw)) continue;
            if (result.Count == 0 && i == 0 && (raw.StartsWith("date", StringComparison.OrdinalIgnoreCase) || raw.StartsWith("ngày", StringComparison.OrdinalIgnoreCase)))
                continue;
            result.Add(ParseLine(i + 1, raw));
        }
        return result;
    }

    private static BankStatementLine ParseLine(int number, string raw)
    {
        var fields = raw.Split(';', 5);
        string F(int n) => n < fields.Length ? fields[n].Trim() : "";
        var reference = VietnameseText.Normalize(F(2)) ?? "";
        var contract = VietnameseText.Normalize(F(3)) ?? "";
        var description = F(4);
        BankStatementLine Unmatched(string code, string reason, LocalDate? date = null, long? amount = null) =>
            new(number, raw, date, amount, reference, contract, description, StatementLineStatus.Unmatched, code, reason, null, null);
        if (fields.Length < 4)
            return Unmatched("statement.too_few_fields", "Dòng phải có ít nhất 4 cột: ngày;số tiền;số tham chiếu;số hợp đồng.");
        var date = DatePattern.Parse(F(0));
        if (!date.Success) return Unmatched("statement.date_format", $"Ngày \"{F(0)}\" không đúng dạng dd/MM/yyyy.");
        if (!(F(1).Length is > 0 and <= 16 && F(1).All(char.IsAsciiDigit)) || !long.TryParse(F(1), NumberStyles.None, CultureInfo.InvariantCulture, out var amount))
            return Unmatched("statement.amount_format", $"Số tiền \"{F(1)}\" phải là số nguyên đồng, chỉ gồm chữ số.", date.Value);
        if (amount <= 0) return Unmatched("statement.amount_not_positive", "Số tiền phải lớn hơn 0.", date.Value, amount);
        if (reference.Length is 0 or > 100) return Unmatched("statement.reference_missing", "Thiếu số tham chiếu ngân hàng (tối đa 100 ký tự).", date.Value, amount);
        if (contract.Length == 0) return Unmatched("statement.contract_missing", "Thiếu số hợp đồng tín dụng.", date.Value, amount);
        return new(number, raw, date.Value, amount, reference, contract, description, StatementLineStatus.Matched, null, null, null, null);
    }
}

public static class BankStatementEndpoints
{
    /// <summary>Uploads a bank statement (multipart/form-data, field <c>file</c>, CSV as documented in README) and returns
    /// its preview, stored: each line matched to a loan by contract number, or unmatched with the reason; lines whose
    /// bank reference is already booked (or repeated in the file) are duplicates. Nothing is booked yet.</summary>
    [Authorize(Roles = Roles.Accountant)]
    [WolverinePost("/api/repayments/statements", OperationId = "importBankStatement")]
    [ReadsMultipartForm]
    [Tags("Thu nợ")]
    [ProducesResponseType<BankStatementImport>(201)]
    [ProducesResponseType<ProblemDetails>(400)]
    [ProducesResponseType<ProblemDetails>(413)]
    [ProducesResponseType<ProblemDetails>(415)]
    public static async Task<IResult> Import(HttpRequest request, ClaimsPrincipal user, IDocumentSession session, BusinessTime time, CancellationToken ct)
    {
        if (!request.HasFormContentType)
            return Results.Problem(Problems.Create(415, "request.unsupported_media_type", "Định dạng không được hỗ trợ",
                "Sao kê phải được gửi dưới dạng multipart/form-data, trường file."));
        var form = await request.ReadFormAsync(ct);
        if (form.Files.GetFile("file") is not { Length: > 0 } file)
            return Results.Problem(Problems.Validation("file", "file.required", "Vui lòng chọn tệp sao kê (CSV)."));
        if (file.Length > BankStatementCsv.MaxBytes)
            return Results.Problem(Problems.Create(413, "file.too_large", "Tệp quá lớn", $"Tệp sao kê tối đa {BankStatementCsv.MaxBytes / 1000} KB."));
        using var buffer = new MemoryStream();
        await file.CopyToAsync(buffer, ct);
        var bytes = buffer.ToArray();
        string text;
        try
        {
            text = new UTF8Encoding(false, true).GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return Results.Problem(Problems.Validation("file", "statement.not_utf8", "Tệp sao kê phải được mã hóa UTF-8."));
        }
        // A binary file (NUL, other control characters) is not a CSV statement; NUL could not even be stored in jsonb.
        if (text.Any(c => (c < 0x20 && c is not ('\t' or '\n' or '\r')) || c == 0x7F))
            return Results.Problem(Problems.Validation("file", "statement.control_characters",
                "Tệp sao kê chứa ký tự điều khiển (tệp nhị phân?). Vui lòng gửi tệp CSV dạng văn bản."));
        var parsed = BankStatementCsv.Parse(text);
        if (parsed.Count == 0) return Results.Problem(Problems.Validation("file", "statement.empty", "Tệp sao kê không có dòng giao dịch nào."));
        if (parsed.Count > BankStatementCsv.MaxLines)
            return Results.Problem(Problems.Validation("file", "statement.too_many_lines", $"Mỗi sao kê tối đa {BankStatementCsv.MaxLines} dòng."));

        var contracts = parsed.Where(l => l.Status == StatementLineStatus.Matched).Select(l => l.ContractNumber).Distinct().ToArray();
        var loans = (await session.Query<LoanDetails>().Where(x => x.ContractNumber != null && x.ContractNumber.IsOneOf(contracts)).ToListAsync(ct))
            .ToDictionary(l => l.ContractNumber!);
        var keys = parsed.Select(l => BookedBankReference.Key(l.Reference)).Where(k => k.Length > 0).Distinct().ToArray();
        var booked = (await session.LoadManyAsync<BookedBankReference>(ct, keys)).Select(b => b.Id).ToHashSet();
        var seen = new HashSet<string>();
        var lines = parsed.Select(l =>
        {
            if (l.Status != StatementLineStatus.Matched) return l;
            var key = BookedBankReference.Key(l.Reference);
            if (booked.Contains(key))
                return l with { Status = StatementLineStatus.Duplicate, Code = "repayment.duplicate_reference", Reason = $"Chứng từ {l.Reference} đã được ghi nhận thu nợ." };
            if (!seen.Add(key))
                return l with { Status = StatementLineStatus.Duplicate, Code = "statement.repeated_reference", Reason = $"Chứng từ {l.Reference} lặp lại trong sao kê." };
            if (!loans.TryGetValue(l.ContractNumber, out var loan))
                return l with { Status = StatementLineStatus.Unmatched, Code = "statement.contract_not_found", Reason = $"Không có khoản vay nào của quỹ với số hợp đồng {l.ContractNumber}." };
            return l with { LoanId = loan.Id };
        }).ToArray();

        var statement = new BankStatementImport
        {
            Id = Guid.CreateVersion7(), FileName = FileNameOf(file.FileName), Sha256 = Convert.ToHexStringLower(SHA256.HashData(bytes)),
            UploadedBy = user.ToActor().UserName, UploadedAt = time.Now, Lines = lines,
        };
        session.Store(statement);
        return Results.Created($"/api/repayments/statements/{statement.Id}", statement);
    }

    /// <summary>The repayment booked from this very statement under the line's reference (by a confirmation running at
    /// the same time), so that line reads as booked rather than as a duplicate.</summary>
    private static async Task<Guid?> BookedFromThisStatementAsync(IDocumentStore store, string fund, Guid statementId, BankStatementLine line,
        CancellationToken ct)
    {
        await using var session = store.QuerySession(fund);
        if (await session.LoadAsync<BookedBankReference>(BookedBankReference.Key(line.Reference), ct) is not { } booked) return null;
        var loan = await session.LoadAsync<LoanDetails>(booked.LoanId, ct);
        return loan?.Repayments.Any(r => r.RepaymentId == booked.RepaymentId && r.StatementId == statementId) == true ? booked.RepaymentId : null;
    }

    private static string FileNameOf(string name)
    {
        // Control characters (NUL cannot be stored in jsonb) are dropped from the declared name.
        var trimmed = new string(Path.GetFileName(name ?? "").Where(c => !char.IsControl(c)).ToArray()).Trim();
        return trimmed.Length == 0 ? "saoke.csv" : trimmed[..Math.Min(trimmed.Length, 200)];
    }

    /// <summary>A stored statement preview (or its result once confirmed).</summary>
    [Authorize(Roles = $"{Roles.Accountant},{Roles.ChiefAccountant}")]
    [WolverineGet("/api/repayments/statements/{id}", OperationId = "getBankStatement")]
    [Tags("Thu nợ")]
    [ProducesResponseType<BankStatementImport>(200)]
    [ProducesResponseType<ProblemDetails>(404)]
    public static async Task<IResult> Get(Guid id, IQuerySession session, CancellationToken ct) =>
        await session.LoadAsync<BankStatementImport>(id, ct) is { } statement
            ? Results.Ok(statement)
            : Results.Problem(NotFound(id));

    private static ProblemDetails NotFound(Guid id) => Problems.NotFound("statement.not_found", $"Không tìm thấy sao kê {id}.");

    /// <summary>Books the matched lines as repayments (each with the same rules as a single repayment, in its own
    /// transaction, as BankTransfer). A line whose reference was booked meanwhile becomes a duplicate; one the rules
    /// refuse is marked refused with the reason. Confirming again books only what is still matched, so nothing is
    /// ever booked twice (the bank reference is unique in the fund); a line booked from this same statement by a
    /// confirmation running at the same time reads as booked. The stored result is the last confirmation's.</summary>
    [Authorize(Roles = Roles.Accountant)]
    [RequireIdempotencyKey]
    [WolverinePost("/api/repayments/statements/{id}/confirmation", OperationId = "confirmBankStatement")]
    [Tags("Thu nợ")]
    [ProducesResponseType<BankStatementImport>(200)]
    [ProducesResponseType<ProblemDetails>(404)]
    public static async Task<IResult> Confirm(Guid id, ClaimsPrincipal user, IDocumentStore store, NpgsqlDataSource database, BusinessTime time,
        RepaymentSettings settings, CancellationToken ct)
    {
        var fund = user.FundId();
        BankStatementImport? statement;
        await using (var read = store.QuerySession(fund))
            statement = await read.LoadAsync<BankStatementImport>(id, ct);
        if (statement is null) return Results.Problem(NotFound(id));

        var lines = new List<BankStatementLine>(statement.Lines.Count);
        foreach (var line in statement.Lines)
        {
            if (line.Status != StatementLineStatus.Matched) { lines.Add(line); continue; }
            var result = await RepaymentBooking.BookAsync(store, database, user, line.LoanId!.Value, null,
                new RepaymentInput(line.Amount!.Value, line.Date!.Value, RepaymentChannel.BankTransfer, line.Reference, id), time, settings, ct);
            var code = result.Refusal?.Extensions.TryGetValue("code", out var c) == true ? c?.ToString() : null;
            if (code == "repayment.duplicate_reference" && await BookedFromThisStatementAsync(store, fund, id, line, ct) is { } repaymentId)
            {
                lines.Add(line with { Status = StatementLineStatus.Booked, RepaymentId = repaymentId, Code = null, Reason = null });
                continue;
            }
            lines.Add(result.Refusal is null
                ? line with { Status = StatementLineStatus.Booked, RepaymentId = result.Receipt!.RepaymentId, Code = null, Reason = null }
                : line with
                {
                    Status = code == "repayment.duplicate_reference" ? StatementLineStatus.Duplicate : StatementLineStatus.Refused,
                    Code = code, Reason = result.Refusal.Detail,
                });
        }
        var updated = statement with
        {
            Lines = lines, ConfirmationCount = statement.ConfirmationCount + 1, LastConfirmedAt = time.Now, LastConfirmedBy = user.ToActor().UserName,
        };
        await using var session = store.LightweightSession(fund);
        session.Store(updated);
        await session.SaveChangesAsync(ct);
        return Results.Ok(updated);
    }
}

using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using HtxFund.Identity;
using HtxFund.Infrastructure.Http;
using HtxFund.Loans.GettingDetails;
using HtxFund.Loans.Repaying;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Wolverine.Http;
using Wolverine.Marten;

namespace HtxFund.Loans.ImportingStatements;

/// <summary>An uploaded statement file, read and parsed (its lines as the CSV says them, not yet matched to loans).</summary>
public sealed record StatementUpload(string FileName, string Sha256, IReadOnlyList<BankStatementLine> Lines);

/// <summary>What the fund already knows about the upload's lines: its loans by contract number and the bank references
/// it has booked.</summary>
public sealed record StatementMatches(IReadOnlyDictionary<string, Guid> LoansByContract, IReadOnlySet<string> BookedReferences);

public static class ImportBankStatementEndpoint
{
    /// <summary>Reads the multipart form's <c>file</c>: refused when it is missing, too large, not UTF-8, binary, empty
    /// or over the line limit.</summary>
    public static async Task<(ProblemDetails, StatementUpload?)> LoadAsync(HttpRequest request, CancellationToken ct)
    {
        static (ProblemDetails, StatementUpload?) No(ProblemDetails p) => (p, null);
        if (!request.HasFormContentType)
            return No(Problems.Create(415, "request.unsupported_media_type", "Định dạng không được hỗ trợ",
                "Sao kê phải được gửi dưới dạng multipart/form-data, trường file."));
        var form = await request.ReadFormAsync(ct);
        if (form.Files.GetFile("file") is not { Length: > 0 } file)
            return No(Problems.Validation("file", "file.required", "Vui lòng chọn tệp sao kê (CSV)."));
        if (file.Length > BankStatementCsv.MaxBytes)
            return No(Problems.Create(413, "file.too_large", "Tệp quá lớn", $"Tệp sao kê tối đa {BankStatementCsv.MaxBytes / 1000} KB."));
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
            return No(Problems.Validation("file", "statement.not_utf8", "Tệp sao kê phải được mã hóa UTF-8."));
        }
        // A binary file (NUL, other control characters) is not a CSV statement; NUL could not even be stored in jsonb.
        if (text.Any(c => (c < 0x20 && c is not ('\t' or '\n' or '\r')) || c == 0x7F))
            return No(Problems.Validation("file", "statement.control_characters",
                "Tệp sao kê chứa ký tự điều khiển (tệp nhị phân?). Vui lòng gửi tệp CSV dạng văn bản."));
        var parsed = BankStatementCsv.Parse(text);
        if (parsed.Count == 0) return No(Problems.Validation("file", "statement.empty", "Tệp sao kê không có dòng giao dịch nào."));
        if (parsed.Count > BankStatementCsv.MaxLines)
            return No(Problems.Validation("file", "statement.too_many_lines", $"Mỗi sao kê tối đa {BankStatementCsv.MaxLines} dòng."));
        return (WolverineContinue.NoProblems, new StatementUpload(FileNameOf(file.FileName), Convert.ToHexStringLower(SHA256.HashData(bytes)), parsed));
    }

    /// <summary>The fund's loans named by the well-formed lines' contract numbers and the lines' references already booked.</summary>
    public static async Task<StatementMatches> BeforeAsync([NotBody] StatementUpload upload, IDocumentSession session, CancellationToken ct)
    {
        var contracts = upload.Lines.Where(l => l.Status == StatementLineStatus.Matched).Select(l => l.ContractNumber).Distinct().ToArray();
        var loans = await session.Query<LoanDetails>().Where(x => x.ContractNumber != null && x.ContractNumber.IsOneOf(contracts))
            .Select(x => new { x.Id, x.ContractNumber }).ToListAsync(ct);
        var keys = upload.Lines.Select(l => BookedBankReference.Key(l.Reference)).Where(k => k.Length > 0).Distinct().ToArray();
        var booked = (await session.LoadManyAsync<BookedBankReference>(ct, keys)).Select(b => b.Id).ToHashSet();
        return new StatementMatches(loans.ToDictionary(l => l.ContractNumber!, l => l.Id), booked);
    }

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
    public static (IResult, IMartenOp) Post([NotBody] StatementUpload upload, [NotBody] StatementMatches matches, ClaimsPrincipal user, Instant now)
    {
        var statement = new BankStatementImport
        {
            Id = Guid.CreateVersion7(), FileName = upload.FileName, Sha256 = upload.Sha256, UploadedBy = user.ToActor().UserName, UploadedAt = now,
            Lines = Match(upload.Lines, matches),
        };
        return (Results.Created($"/api/repayments/statements/{statement.Id}", statement), MartenOps.Store(statement));
    }

    /// <summary>Each well-formed line: a duplicate when its reference is booked or repeats an earlier line's, unmatched
    /// when no loan of the fund has its contract number, else matched to that loan.</summary>
    public static BankStatementLine[] Match(IReadOnlyList<BankStatementLine> parsed, StatementMatches matches)
    {
        var seen = new HashSet<string>();
        return parsed.Select(l =>
        {
            if (l.Status != StatementLineStatus.Matched) return l;
            var key = BookedBankReference.Key(l.Reference);
            if (matches.BookedReferences.Contains(key))
                return l with { Status = StatementLineStatus.Duplicate, Code = "repayment.duplicate_reference", Reason = $"Chứng từ {l.Reference} đã được ghi nhận thu nợ." };
            if (!seen.Add(key))
                return l with { Status = StatementLineStatus.Duplicate, Code = "statement.repeated_reference", Reason = $"Chứng từ {l.Reference} lặp lại trong sao kê." };
            if (!matches.LoansByContract.TryGetValue(l.ContractNumber, out var loanId))
                return l with { Status = StatementLineStatus.Unmatched, Code = "statement.contract_not_found", Reason = $"Không có khoản vay nào của quỹ với số hợp đồng {l.ContractNumber}." };
            return l with { LoanId = loanId };
        }).ToArray();
    }

    private static string FileNameOf(string name)
    {
        // Control characters (NUL cannot be stored in jsonb) are dropped from the declared name.
        var trimmed = new string(Path.GetFileName(name ?? "").Where(c => !char.IsControl(c)).ToArray()).Trim();
        return trimmed.Length == 0 ? "saoke.csv" : trimmed[..Math.Min(trimmed.Length, 200)];
    }
}

using System.Security.Claims;
using FluentValidation;
using HtxFund.Identity;
using HtxFund.Infrastructure.Http;
using HtxFund.Lending.Accounting;
using HtxFund.Reference;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Wolverine.Http;
using Wolverine.Http.Marten;
using Wolverine.Marten;

namespace HtxFund.Accounting.Setup;

/// <summary>One account of the chart as sent: number (digits), Vietnamese name, kind, whether its lines name the borrower.</summary>
public sealed record AccountInput(string? Number, string? Name, AccountKind? Kind, bool TracksObject = false);

/// <summary>One line of the mapping as sent: the kind of movement and the accounts it debits and credits.</summary>
public sealed record PostingRuleInput(PostingKind? Kind, string? Debit, string? Credit);

/// <summary>Adopt a new version of the fund's chart of accounts and mapping, edited from version
/// <paramref name="ExpectedVersion"/>, for <paramref name="Reason"/>.</summary>
public sealed record AdoptAccountingSetup(int? ExpectedVersion, IReadOnlyList<AccountInput>? Chart, IReadOnlyList<PostingRuleInput>? Mapping,
    string? Reason)
{
    public const int MaxAccounts = 500;

    public ChartOfAccounts ChartOfAccounts() => new(Chart!
        .Select(a => new LedgerAccount(a.Number!.Trim(), VietnameseText.Normalize(a.Name), a.Kind!.Value, a.TracksObject))
        .OrderBy(a => a.Number, StringComparer.Ordinal).ToArray());

    public AccountingMapping AccountingMapping() => new(Mapping!.Select(r => new PostingRule(r.Kind!.Value, r.Debit!.Trim(), r.Credit!.Trim())).ToArray());

    public sealed class Validator : AbstractValidator<AdoptAccountingSetup>
    {
        public Validator()
        {
            RuleFor(x => x.ExpectedVersion).NotNull().Refuse("expected_version.required", "Vui lòng gửi phiên bản đang sửa (expectedVersion).");
            RuleFor(x => x.Chart).Cascade(CascadeMode.Stop).NotEmpty().Refuse("chart.required", "Hệ thống tài khoản phải có ít nhất một tài khoản.")
                .Must(c => c!.Count <= MaxAccounts).Refuse("chart.too_many", $"Hệ thống tài khoản có tối đa {MaxAccounts} tài khoản.");
            RuleForEach(x => x.Chart).NotNull().Refuse("account.required", "Mỗi dòng của hệ thống tài khoản phải có nội dung.").ChildRules(a =>
            {
                a.RuleFor(x => x.Number).Must(n => n is not null && n.Trim() is { Length: >= 3 and <= 10 } t && t.All(char.IsAsciiDigit))
                    .Refuse("account.number_format", "Số hiệu tài khoản gồm 3 đến 10 chữ số.");
                a.RuleFor(x => x.Name).RequiredTextWithin(TextLimits.Name)
                    .Refuse("account.name_required", $"Vui lòng nhập tên tài khoản (tối đa {TextLimits.Name} ký tự).");
                a.RuleFor(x => x.Kind).Must(k => k is not null && Enum.IsDefined(k.Value))
                    .Refuse("account.kind_required", "Vui lòng chọn loại tài khoản.");
            });
            RuleFor(x => x.Mapping).Cascade(CascadeMode.Stop).NotEmpty().Refuse("mapping.required", "Vui lòng nhập bảng định khoản.")
                .Must(m => m!.Count <= MaxAccounts).Refuse("mapping.too_many", $"Bảng định khoản có tối đa {MaxAccounts} dòng.");
            RuleForEach(x => x.Mapping).NotNull().Refuse("mapping.rule_required", "Mỗi dòng của bảng định khoản phải có nội dung.").ChildRules(r =>
            {
                r.RuleFor(x => x.Kind).Must(k => k is not null && Enum.IsDefined(k.Value))
                    .Refuse("mapping.kind_unknown", "Vui lòng chọn nghiệp vụ.");
                r.RuleFor(x => x.Debit).Must(n => !string.IsNullOrWhiteSpace(n)).Refuse("mapping.debit_required", "Vui lòng nhập tài khoản ghi Nợ.");
                r.RuleFor(x => x.Credit).Must(n => !string.IsNullOrWhiteSpace(n)).Refuse("mapping.credit_required", "Vui lòng nhập tài khoản ghi Có.");
            });
            RuleFor(x => x.Reason).RequiredText("reason", "lý do thay đổi", TextLimits.Note);
        }
    }
}

public static class AdoptAccountingSetupEndpoint
{
    public static Guid BooksId() => FundBooks.StreamId;

    public static Task<AccountsInUse> LoadAsync(IDocumentSession session, CancellationToken ct) => AccountsInUse.LoadAsync(session, ct);

    /// <summary>409 when the chief accountant edited an older version; 400 with every rule's error at its field.</summary>
    public static ProblemDetails Validate(AdoptAccountingSetup command, AccountsInUse used,
        [Aggregate(Required = false, FromMethod = nameof(BooksId))] FundBooks? books) =>
        Refusal(command, (books ?? new FundBooks()).Setup, used.Numbers) ?? WolverineContinue.NoProblems;

    public static ProblemDetails? Refusal(AdoptAccountingSetup c, AccountingSetup current, IReadOnlySet<string> used)
    {
        if (c.ExpectedVersion != current.Version)
            return Problems.Conflict("setup.version_conflict",
                $"Hệ thống tài khoản đã được cập nhật lên phiên bản {current.Version} trong khi bạn sửa phiên bản {c.ExpectedVersion}. Vui lòng tải lại và thử lại.",
                new Dictionary<string, object?> { ["currentVersion"] = current.Version });
        var chart = new ChartOfAccounts(c.Chart!.Select(a => new LedgerAccount(a.Number!.Trim(), a.Name!, a.Kind!.Value, a.TracksObject)).ToArray());
        var errors = AccountingSetupRules.Errors(chart, c.AccountingMapping(), current.Chart, used);
        if (errors.Count > 0) return Problems.Validation(errors);
        if (Same(c.ChartOfAccounts(), c.AccountingMapping(), current))
            return Problems.Unprocessable("setup.unchanged", $"Hệ thống tài khoản và bảng định khoản gửi lên giống hệt phiên bản {current.Version}: không có gì để áp dụng.");
        return null;
    }

    private static bool Same(ChartOfAccounts chart, AccountingMapping mapping, AccountingSetup current) =>
        chart.Accounts.SequenceEqual(current.Chart.Accounts.OrderBy(a => a.Number, StringComparer.Ordinal))
        && mapping.Rules.OrderBy(r => r.Kind).SequenceEqual(current.Mapping.Rules.OrderBy(r => r.Kind));

    /// <summary>Adopts a new version of the fund's chart of accounts and mapping (ChiefAccountant). The journal posts every
    /// later event with it; what is posted stays as it was. An account with journal lines can neither be removed nor change
    /// kind.</summary>
    [Authorize(Roles = Roles.ChiefAccountant)]
    [WolverinePost("/api/accounting/setup", OperationId = "adoptAccountingSetup")]
    [Tags("Kế toán")]
    [ProducesResponseType<AccountingSetupView>(201)]
    [ProducesResponseType<ProblemDetails>(400)]
    [ProducesResponseType<ProblemDetails>(409)]
    [ProducesResponseType<ProblemDetails>(422)]
    public static (IResult, Events) Post(AdoptAccountingSetup command, AccountsInUse used,
        [Aggregate(Required = false, FromMethod = nameof(BooksId))] FundBooks? books, ClaimsPrincipal user, Instant now)
    {
        var adopted = Decide(command, (books ?? new FundBooks()).Setup, user.ToActor(), now);
        return (Results.Created("/api/accounting/setup", AccountingSetupView.Of(adopted, used)), [adopted]);
    }

    /// <summary>The pure decision over a command that passed the rules: the next version.</summary>
    public static AccountingSetupAdopted Decide(AdoptAccountingSetup c, AccountingSetup current, Actor actor, Instant now) =>
        new(current.Version + 1, c.ChartOfAccounts(), c.AccountingMapping(), VietnameseText.Normalize(c.Reason), actor, now);
}

using System.Security.Claims;
using FluentValidation;
using HtxFund.Applications;
using HtxFund.Applications.GettingDetails;
using HtxFund.Identity;
using HtxFund.Infrastructure.Http;
using HtxFund.Infrastructure.Http.Idempotency;
using HtxFund.Reference;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Wolverine.Http;
using Wolverine.Marten;

namespace HtxFund.Loans.Officers;

/// <summary>
/// The Director moves many applications and loans to one credit officer at once, with one reason: either the listed
/// <see cref="LoanIds"/> (1 to <see cref="MaxLoans"/>) or every open file of <see cref="FromOfficerId"/> (an officer who
/// leaves), never both.
/// </summary>
public sealed record TransferOfficerLoans(IReadOnlyList<Guid>? LoanIds, Guid? FromOfficerId, Guid? ToOfficerId, string? Reason)
{
    public const int MaxLoans = 500;

    public sealed class Validator : AbstractValidator<TransferOfficerLoans>
    {
        public Validator()
        {
            RuleFor(x => x.ToOfficerId).Must(id => id is { } g && g != Guid.Empty)
                .Refuse("to_officer.required", "Vui lòng chọn cán bộ tín dụng nhận khoản vay.");
            RuleFor(x => x.Reason).RequiredText("reason", "lý do chuyển giao", TextLimits.Note);
            RuleFor(x => x.LoanIds).Must((c, ids) => (ids is { Count: > 0 }) != (c.FromOfficerId is { } f && f != Guid.Empty))
                .Refuse("loan_ids.required", "Vui lòng chọn các khoản vay cần chuyển, hoặc cán bộ đang phụ trách (không chọn cả hai).");
            RuleFor(x => x.LoanIds).Must(ids => ids is null || ids.Count <= MaxLoans)
                .Refuse("loan_ids.too_many", $"Mỗi lần chuyển tối đa {MaxLoans} khoản vay.");
            RuleFor(x => x.LoanIds).Must(ids => ids is null || (ids.All(i => i != Guid.Empty) && ids.Distinct().Count() == ids.Count))
                .Refuse("loan_ids.invalid", "Danh sách khoản vay có mã trống hoặc trùng nhau.");
            RuleFor(x => x.FromOfficerId).Must((c, from) => from is null || from != c.ToOfficerId)
                .Refuse("from_officer.same_as_target", "Cán bộ nhận phải khác cán bộ đang phụ trách.");
        }
    }
}

/// <summary>One loan the transfer would move: its id, the loan as the stream stands (null when the fund has no such
/// stream) and the stream's version, which the append expects.</summary>
public sealed record OfficerTransferFile(Guid Id, Loan? Loan, long Version);

/// <summary>Every loan the transfer would append to, with what the rules read.</summary>
public sealed record OfficerTransferPlan(IReadOnlyList<OfficerTransferFile> Files, IReadOnlyDictionary<Guid, ApplicationStatus> Statuses,
    UserAccount? Target, int Found);

/// <summary>One loan the bulk transfer refused, with the code and message the single reassignment would answer.</summary>
public sealed record OfficerTransferRefusal(Guid LoanId, string Code, string Detail);

/// <summary>
/// The bulk transfer is all or nothing across many loan streams, so it is the documented exception to "one stream per
/// command" (docs/officer-week.md): <see cref="LoadAsync"/> reads every loan (its inline snapshot) and its stream's
/// version, <see cref="Validate"/> applies the single reassignment's pure rules (<see cref="OfficerTransferRules"/>) to each
/// and refuses the whole transfer, listing each failing loan with its code, when any one fails; the pure <see cref="Post"/>
/// returns one <see cref="ResponsibleOfficerReassigned"/> append per stream (<see cref="MartenOps.Append(Guid, long, object[])"/>),
/// all with the same transfer id, and Wolverine's transaction commits them together, each against the version read: a loan
/// changed in between fails the commit with 409 and nothing is written.
/// </summary>
public static class TransferOfficerLoansEndpoint
{
    public static async Task<OfficerTransferPlan> LoadAsync(TransferOfficerLoans command, IQuerySession session, CancellationToken ct)
    {
        var target = await OfficerTransferRules.UserAsync(session, command.ToOfficerId, ct);
        var ids = command.LoanIds is { Count: > 0 } listed ? listed.ToArray()
            : (await OfficerTransferRules.OpenFilesAsync(session, command.FromOfficerId, ct)).Select(f => f.Id).ToArray();
        if (ids.Length is 0 or > TransferOfficerLoans.MaxLoans) return new OfficerTransferPlan([], new Dictionary<Guid, ApplicationStatus>(), target, ids.Length);
        var loans = (await session.LoadManyAsync<Loan>(ct, ids)).ToDictionary(l => l.Id);
        var files = new List<OfficerTransferFile>(ids.Length);
        foreach (var id in ids.Order())
            files.Add(new OfficerTransferFile(id, loans.GetValueOrDefault(id), (await session.Events.FetchStreamStateAsync(id, ct))?.Version ?? 0));
        var statuses = (await session.LoadManyAsync<ApplicationDetails>(ct, ids)).ToDictionary(a => a.Id, a => a.Status);
        return new OfficerTransferPlan(files, statuses, target, ids.Length);
    }

    public static ProblemDetails Validate(TransferOfficerLoans command, OfficerTransferPlan plan, ClaimsPrincipal user)
    {
        if (OfficerTransferRules.Target(plan.Target, user.FundId()) is { } target) return target;
        if (plan.Files.Count == 0)
            return plan.Found > TransferOfficerLoans.MaxLoans
                ? Problems.Unprocessable("officer_transfer.too_many", $"Cán bộ này phụ trách quá {TransferOfficerLoans.MaxLoans} khoản vay: chuyển theo từng danh sách.")
                : Problems.Unprocessable("officer_transfer.nothing_to_transfer", "Cán bộ này không phụ trách hồ sơ hay khoản vay nào đang mở.");
        var refusals = new List<OfficerTransferRefusal>();
        foreach (var file in plan.Files)
        {
            var refusal = file.Loan is not { } loan || !plan.Statuses.TryGetValue(file.Id, out var status) || !user.MaySee(loan.CooperativeId)
                ? LoanAccess.NotFound(file.Id)
                : OfficerTransferRules.Transfer(loan, status, command.ToOfficerId!.Value);
            if (refusal is not null)
                refusals.Add(new OfficerTransferRefusal(file.Id, refusal.Extensions["code"]?.ToString() ?? "", refusal.Detail ?? ""));
        }
        return refusals.Count == 0 ? WolverineContinue.NoProblems
            : Problems.Unprocessable("officer_transfer.refused",
                $"Không chuyển khoản vay nào: {refusals.Count} khoản vay không thể chuyển (xem danh sách).",
                new Dictionary<string, object?> { ["refusals"] = refusals });
    }

    /// <summary>Moves the listed applications and loans, or every open file of <c>fromOfficerId</c>, to one active credit
    /// officer of the fund with one reason: all or nothing (a refusal lists each loan that cannot move, with its code, and
    /// nothing is appended). Every loan's history gets the transfer, all with the same <c>transferId</c>.</summary>
    [Authorize(Roles = Roles.Director)]
    [RequireIdempotencyKey]
    [WolverinePost("/api/loans/officer-transfers", OperationId = "transferLoanOfficers")]
    [Tags("Cán bộ tín dụng phụ trách")]
    [ProducesResponseType<OfficerTransferReceipt>(200)]
    [ProducesResponseType<ProblemDetails>(400)]
    [ProducesResponseType<ProblemDetails>(403)]
    [ProducesResponseType<ProblemDetails>(409)]
    [ProducesResponseType<ProblemDetails>(422)]
    public static (IResult, IEnumerable<IMartenOp>) Post(TransferOfficerLoans command, OfficerTransferPlan plan, ClaimsPrincipal user, Instant now,
        LocalDate today)
    {
        var transferId = Guid.CreateVersion7();
        var reason = VietnameseText.Normalize(command.Reason);
        var by = user.ToActor();
        var appends = plan.Files.Select(f => MartenOps.Append(f.Id, f.Version + 1,
            OfficerTransferRules.Reassigned(f.Loan!, transferId, plan.Target!, reason, by, now, today))).ToArray();
        return (Results.Ok(new OfficerTransferReceipt(transferId, plan.Target!.Id, plan.Files.Select(f => f.Id).ToArray())), appends);
    }
}

using System.Security.Claims;
using FluentValidation;
using HtxFund.Identity;
using HtxFund.Infrastructure.Http;
using HtxFund.Infrastructure.Http.Idempotency;
using HtxFund.Reference;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Wolverine.Http;
using Wolverine.Http.Marten;
using Wolverine.Marten;

namespace HtxFund.Capital.RecordingResults;

/// <summary>Records the fund's undistributed surplus (positive) or unhandled loss (negative) at a date, from its
/// closed books; actual charter capital = charter capital ± this figure (Decree 45/2021 Art 2.3).</summary>
public sealed record RecordRetainedResult(decimal? SurplusOrLoss, LocalDate? AsOf, string? Reference)
{
    public RecordRetainedResult Normalised() => this with { Reference = VietnameseText.Normalize(Reference) };

    public sealed class Validator : AbstractValidator<RecordRetainedResult>
    {
        public Validator(LocalDate today)
        {
            RuleFor(x => x.SurplusOrLoss).WholeDong("surplus_or_loss", "lợi nhuận chưa phân phối hoặc lỗ chưa xử lý", signed: true);
            RuleFor(x => x.AsOf).PastDate("as_of", "ngày số liệu", today);
            RuleFor(x => x.Reference).RequiredText("reference", "căn cứ (báo cáo tài chính, quyết định)", TextLimits.Name);
        }
    }
}

public static class RecordRetainedResultEndpoint
{
    public static Guid StreamId() => CapitalRecording.StreamId();

    /// <summary>Records the retained result at a date. A later record for the same date corrects the earlier one.</summary>
    [Authorize(Roles = $"{Roles.Admin},{Roles.ChiefAccountant}")]
    [RequireIdempotencyKey]
    [BooksCapital(CapitalFlow.Outflow)]
    [WolverinePost("/api/capital/retained-results", OperationId = "recordRetainedResult")]
    [Tags("Vốn của quỹ")]
    [ProducesResponseType<CapitalEntryReceipt>(201)]
    [ProducesResponseType<ProblemDetails>(400)]
    [ProducesResponseType<ProblemDetails>(409)]
    public static (IResult, Events) Post(RecordRetainedResult command, CapitalBooking booking,
        [Aggregate(Required = false, FromMethod = nameof(StreamId))] FundCapitalStream? capital, ClaimsPrincipal user, Instant now,
        LocalDate today) =>
        CapitalRecording.Record(booking, today, entryId => Decide(command.Normalised(), entryId, user.ToActor(), now));

    public static RetainedResultRecorded Decide(RecordRetainedResult c, Guid entryId, Actor actor, Instant now) =>
        new(entryId, c.SurplusOrLoss.ToMoney(), c.AsOf!.Value, c.Reference!, actor, now);
}

using HtxFund.Classification;
using HtxFund.Classification.Running;
using HtxFund.Identity;
using NodaTime;

namespace HtxFund.Tests.Classification;

/// <summary>Pure tests of the run's first and last steps: a run starts once, and its completion books the month's
/// provision change once, as the difference from the provisions booked so far.</summary>
public sealed class deciding_a_runs_start_and_completion
{
    private static readonly Guid RunId = ClassificationRuns.StreamId(new YearMonth(2027, 3));
    private static readonly LocalDate AsOf = new(2027, 3, 31);
    private static readonly Instant Now = Instant.FromUtc(2027, 4, 1, 0, 5);
    private static readonly Guid NewEntry = Guid.Parse("0190f0a0-0000-7000-8000-000000000001");
    private static readonly StartClassificationRun Start = new(RunId, "2027-03", AsOf, Actor.System);

    private static ClassificationRun Classified(long provisionRequired, int loans = 4) =>
        new ClassificationRun().Apply(ClassificationStart.Decide(Start, null, loans, Now.Minus(Duration.FromMinutes(5)))!)
            with { Done = loans, ProvisionRequired = provisionRequired };

    [Fact]
    public void a_month_without_a_run_starts_one_over_the_loans_active_at_its_end()
    {
        var started = ClassificationStart.Decide(Start, null, 4, Now).ShouldNotBeNull();
        started.ShouldBe(new ClassificationRunStarted(RunId, "2027-03", AsOf, started.LoanIds, Actor.System, Now, 4));
        started.LoanIds.ShouldBeEmpty();
    }

    [Fact]
    public void a_month_whose_run_exists_does_not_start_again_whether_interrupted_or_completed()
    {
        var interrupted = Classified(100) with { Done = 2 };
        ClassificationStart.Decide(Start, interrupted, 4, Now).ShouldBeNull();
        ClassificationStart.Decide(Start, interrupted with { CompletedAt = Now }, 4, Now).ShouldBeNull();
    }

    [Fact]
    public void the_first_month_books_every_provision_it_requires()
    {
        var decision = ClassificationCompletion.Decide(Classified(320_000_000), new ProvisionsBooked(null, 0), NewEntry, Actor.System, Now);
        var booked = decision.Booked.ShouldNotBeNull();
        (booked.EntryId, booked.Month, booked.ValueDate, booked.Total.Dong, booked.Change.Dong, booked.RunId)
            .ShouldBe((NewEntry, "2027-03", AsOf, 320_000_000L, 320_000_000L, RunId));
        decision.Completed.ShouldBe(new ClassificationRunCompleted(RunId, "2027-03", 320_000_000, 320_000_000, NewEntry, Now));
    }

    [Theory]
    [InlineData(1_014_000_000, 320_000_000, 694_000_000)] // more required than booked: the change adds
    [InlineData(200_000_000, 320_000_000, -120_000_000)]  // fewer: the change releases provisions
    [InlineData(320_000_000, 320_000_000, 0)]
    public void a_later_month_books_only_the_change_from_the_provisions_booked_so_far(long required, long bookedSoFar, long change)
    {
        var decision = ClassificationCompletion.Decide(Classified(required), new ProvisionsBooked(null, bookedSoFar), NewEntry, Actor.System, Now);
        decision.Booked.ShouldNotBeNull().Change.Dong.ShouldBe(change);
        decision.Booked!.Total.Dong.ShouldBe(required);
        decision.Completed.ShouldNotBeNull().ProvisionChange.ShouldBe(change);
    }

    [Fact]
    public void a_month_already_booked_is_not_booked_again_and_the_run_completes_on_that_entry()
    {
        var earlier = Guid.Parse("0190f0a0-0000-7000-8000-0000000000aa");
        var decision = ClassificationCompletion.Decide(Classified(320_000_000), new ProvisionsBooked(earlier, 320_000_000), NewEntry, Actor.System, Now);
        decision.Booked.ShouldBeNull();
        decision.Completed.ShouldBe(new ClassificationRunCompleted(RunId, "2027-03", 320_000_000, 0, earlier, Now));
    }

    [Fact]
    public void a_completed_run_changes_nothing()
    {
        var completed = Classified(320_000_000) with { CompletedAt = Now, ProvisionChange = 320_000_000 };
        ClassificationCompletion.Decide(completed, new ProvisionsBooked(null, 0), NewEntry, Actor.System, Now).ShouldBe(new ClassificationCompletion(null, null));
    }
}

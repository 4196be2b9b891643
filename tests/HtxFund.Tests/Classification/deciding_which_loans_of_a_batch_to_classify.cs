using HtxFund.Classification;
using HtxFund.Classification.Running;
using NodaTime;

namespace HtxFund.Tests.Classification;

/// <summary>Pure tests of the batch step's choice: a batch is classified from the run's cursor (the last loan classified,
/// in the database's uuid order), so a resumed run or a runner that another went ahead of classifies no loan twice.</summary>
public sealed class deciding_which_loans_of_a_batch_to_classify
{
    private static readonly Guid[] Ids = Enumerable.Range(1, 6).Select(i => Guid.Parse($"0000000{i}-0000-0000-0000-000000000000")).ToArray();

    private static ClassificationRun Run(Guid? last) => new() { Id = ClassificationRuns.StreamId(new YearMonth(2027, 3)), LastLoanId = last, Done = last is null ? 0 : 1 };

    [Fact]
    public void a_run_with_nothing_classified_classifies_the_whole_batch_in_its_order() =>
        ClassificationBatch.Pending(Run(null), Ids, id => id).ShouldBe(Ids);

    [Fact]
    public void loans_up_to_the_cursor_are_skipped_and_those_after_it_are_classified() =>
        ClassificationBatch.Pending(Run(Ids[2]), Ids, id => id).ShouldBe(Ids[3..]);

    [Fact]
    public void a_batch_another_runner_classified_entirely_leaves_nothing_to_classify() =>
        ClassificationBatch.Pending(Run(Ids[^1]), Ids[..3], id => id).ShouldBeEmpty();

    [Fact]
    public void the_loans_are_chosen_by_their_id_and_kept_whole()
    {
        var batch = Ids.Select((id, i) => (Id: id, Contract: $"{i}/2026/HĐTD")).ToArray();
        ClassificationBatch.Pending(Run(Ids[3]), batch, l => l.Id).ShouldBe(batch[4..]);
    }
}

using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using HtxFund.Identity;
using HtxFund.Infrastructure.Database;
using HtxFund.Lending;
using HtxFund.Loans;
using NodaTime;

namespace HtxFund.Tests.Loans;

/// <summary>A repayment's split is the Lending engine's <see cref="PaymentAllocation"/> in events, the loan and the API,
/// written in the shape repayments were always stored in (<see cref="PaymentAllocationJson"/>): events recorded before,
/// when the split had a type of its own with its own sums, read back unchanged.</summary>
public sealed class reading_repayment_splits_in_every_stored_shape
{
    private static readonly StoreJsonSerializer Serializer = StoreJsonSerializer.Create();

    /// <summary>A <see cref="LoanRepaymentRecorded"/> exactly as the previous build stored it (its split a
    /// RepaymentAllocationParts record: the nine parts in whole đồng, then its computed sums).</summary>
    private const string StoredBefore = """
        {"loanId":"01a24e95-68aa-7226-ba43-16dd01bed8be","repaymentId":"01a24e95-68aa-7226-ba43-16dd01bed8bf","amount":50000000,
         "valueDate":"2026-12-10","channel":"BankTransfer","bankReference":"FT26344000001",
         "allocation":{"interestOnLateInterest":2252,"interestOnOverduePrincipal":49315,"overdueInterest":997748,"overduePrincipal":13333333,
           "interestDue":1643836,"principalDue":13333333,"accruedInterest":854795,"prepayment":19785388,"refundableExcess":0,
           "principal":46452054,"contractualInterest":3496379,"penaltyInterest":51567,"interest":3547946,"total":50000000},
         "capitalEntryId":"01a24e95-68aa-7226-ba43-16dd01bed8c0","statementId":null,
         "by":{"userId":"01a24e95-68aa-7226-ba43-16dd01bed8c1","userName":"daklak.accountant","roles":["Accountant"]},
         "at":"2026-12-10T03:00:00Z"}
        """;

    [Fact]
    public void a_repayment_stored_by_the_previous_build_reads_back_with_its_split_and_its_sums()
    {
        var recorded = Serializer.FromJson<LoanRepaymentRecorded>(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(StoredBefore)));
        var a = recorded.Allocation;
        (a.InterestOnLateInterest, a.InterestOnOverduePrincipal, a.OverdueInterest, a.OverduePrincipal, a.InterestDue, a.PrincipalDue,
            a.AccruedInterest, a.Prepayment, a.RefundableExcess).ShouldBe((Money.Of(2252), Money.Of(49315), Money.Of(997748), Money.Of(13333333),
            Money.Of(1643836), Money.Of(13333333), Money.Of(854795), Money.Of(19785388), Money.Zero));
        a.Payment.ShouldBe(Money.Of(50_000_000));
        a.Principal.ShouldBe(Money.Of(46_452_054));
        a.ContractualInterest.ShouldBe(Money.Of(3_496_379));
        a.PenaltyInterest.ShouldBe(Money.Of(51_567));
        a.Interest.ShouldBe(Money.Of(3_547_946));
        a.Allocated.ShouldBe(a.Payment);

        // written again, it has the same shape, member for member
        var written = System.Text.Json.Nodes.JsonNode.Parse(Serializer.ToJson(recorded))!["allocation"]!.ToJsonString();
        written.ShouldBe(System.Text.Json.Nodes.JsonNode.Parse(StoredBefore)!["allocation"]!.ToJsonString());
    }

    [Fact]
    public void a_split_that_is_no_object_or_holds_a_fraction_is_refused_not_read_as_zero()
    {
        Should.Throw<System.Text.Json.JsonException>(() => Read("""{"allocation":12}"""));
        Should.Throw<System.Text.Json.JsonException>(() => Read("""{"allocation":{"interestDue":1.5}}"""));
        Should.Throw<System.Text.Json.JsonException>(() => Read("""{"allocation":{"prepayment":"12"}}"""));
    }

    private static PaymentAllocation Read(string json) =>
        Serializer.FromJson<RepaymentRecord>(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(json))).Allocation;

    private static Arbitrary<long[]> Parts() =>
        Gen.ArrayOf(Gen.Choose(0, int.MaxValue).Select(n => (long)n * 1_000), 9).ToArbitrary();

    [Property(MaxTest = 500)]
    public Property any_split_is_written_and_read_back_unchanged_with_its_parts_adding_up_to_the_payment() =>
        Prop.ForAll(Parts(), p =>
        {
            var m = p.Select(Money.Of).ToArray();
            var split = new PaymentAllocation(m.Aggregate(Money.Zero, (s, x) => s + x), m[0], m[1], m[2], m[3], m[4], m[5], m[6], m[7], m[8]);
            var record = new RepaymentRecord(Guid.NewGuid(), split.Payment.Dong, new LocalDate(2026, 12, 10), "FT1", split, Guid.NewGuid(), false);
            var back = Serializer.FromJson<RepaymentRecord>(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(Serializer.ToJson(record))));
            return back.Allocation == split && back.Allocation.Allocated == back.Allocation.Payment;
        });
}

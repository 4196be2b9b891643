using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using HtxFund.Lending.Payments;

namespace HtxFund.Lending.Tests.Payments;

public class payment_reference_properties
{
    [Property(MaxTest = 500)]
    public bool a_loan_always_gets_the_same_reference(Guid loanId) => PaymentReference.For(loanId) == PaymentReference.For(loanId)
        && PaymentReference.For(loanId).Value == PaymentReference.For(new Guid(loanId.ToString())).Value;

    [Property(MaxTest = 500)]
    public bool a_reference_is_16_upper_case_ascii_letters_and_digits_starting_with_htx(Guid loanId)
    {
        var value = PaymentReference.For(loanId).Value;
        return value.Length == 16 && value.StartsWith("HTX", StringComparison.Ordinal)
            && value.All(c => c is >= 'A' and <= 'Z' or >= '0' and <= '9')
            && value[3..].All(c => PaymentReference.Alphabet.Contains(c));
    }

    [Property(MaxTest = 500)]
    public bool a_reference_reads_back_as_written_in_lower_case_with_spaces_and_hyphens(Guid loanId)
    {
        var value = PaymentReference.For(loanId).Value;
        var written = value[..3].ToLowerInvariant() + " " + value[3..8] + "-" + value[8..].ToLowerInvariant();
        return PaymentReference.TryParse(written, out var read) && read == PaymentReference.For(loanId);
    }

    [Property(MaxTest = 500)]
    public bool any_single_wrong_character_is_detected(Guid loanId, PositiveInt position, PositiveInt shift)
    {
        var value = PaymentReference.For(loanId).Value;
        var at = 3 + position.Get % 13;
        var alphabet = PaymentReference.Alphabet;
        var replaced = alphabet[(alphabet.IndexOf(value[at]) + 1 + shift.Get % 31) % 32];
        var typo = value[..at] + replaced + value[(at + 1)..];
        return !PaymentReference.TryParse(typo, out _);
    }

    [Property(MaxTest = 500)]
    public Property swapping_two_adjacent_different_characters_is_detected(Guid loanId, PositiveInt position)
    {
        var value = PaymentReference.For(loanId).Value;
        var at = 3 + position.Get % 12;
        if (value[at] == value[at + 1]) return true.Classify(true, "same characters");
        var swapped = value[..at] + value[at + 1] + value[at] + value[(at + 2)..];
        return (!PaymentReference.TryParse(swapped, out _)).Classify(false, "different characters");
    }

    [Property(MaxTest = 300)]
    public bool a_reference_is_found_in_a_transfer_content_around_other_words(Guid loanId, Guid otherLoan)
    {
        var reference = PaymentReference.For(loanId);
        var content = $"HTX BINH MINH tra no {reference.Value.ToLowerInvariant()} ky 3 HTXKHONG";
        var found = PaymentReference.FindIn(content);
        return found.Count == 1 && found[0] == reference && (loanId == otherLoan || !found.Contains(PaymentReference.For(otherLoan)));
    }

    [Fact]
    public void distinct_loans_get_distinct_references_among_a_hundred_thousand()
    {
        var ids = Enumerable.Range(0, 100_000).Select(_ => Guid.CreateVersion7()).ToArray();
        ids.Select(id => PaymentReference.For(id).Value).Distinct().Count().ShouldBe(ids.Length);
    }

    [Fact]
    public void the_check_character_is_a_weighted_sum_in_gf_32_and_a_reference_reads_back()
    {
        // The rightmost character weighs α = 2 in GF(32) mod x⁵ + x² + 1: 1·α = 2 → '2'; 31·α = 62 → 62 xor 37 = 27 → 'V';
        // "1F": 1·α² ⊕ 15·α = 4 xor 30 = 26 → 'T'.
        PaymentReference.CheckCharacter("000000000001").ShouldBe('2');
        PaymentReference.CheckCharacter("000000000000").ShouldBe('0');
        PaymentReference.CheckCharacter("00000000000Z").ShouldBe('V');
        PaymentReference.CheckCharacter("00000000001F").ShouldBe('T');
        var reference = PaymentReference.For(Guid.Parse("0190f3a2-7b1c-7d2e-8f00-123456789abc"));
        PaymentReference.TryParse(reference.Value, out var read).ShouldBeTrue();
        read.ShouldBe(reference);
        PaymentReference.TryParse("HTX", out _).ShouldBeFalse();
        PaymentReference.TryParse(reference.Value + "1", out _).ShouldBeFalse();
        PaymentReference.TryParse(null, out _).ShouldBeFalse();
    }

    [Fact]
    public void crockford_look_alikes_read_as_the_digits_they_stand_for()
    {
        // A reference whose body holds a 1 and a 0, written with I/L/O by hand.
        var reference = Enumerable.Range(0, 500).Select(_ => PaymentReference.For(Guid.NewGuid())).First(r => r.Value[3..^1].Contains('1') && r.Value[3..^1].Contains('0'));
        var handwritten = "HTX" + reference.Value[3..].Replace('1', 'l').Replace('0', 'O');
        PaymentReference.TryParse(handwritten, out var read).ShouldBeTrue();
        read.ShouldBe(reference);
    }
}

using System.Text.Json;
using System.Text.Json.Serialization;
using HtxFund.Lending;

namespace HtxFund.Loans;

/// <summary>
/// How a repayment's split (<see cref="PaymentAllocation"/>, the Lending engine's own type) is written in events,
/// documents and HTTP bodies: its nine parts in whole đồng, then the sums people reconcile against
/// (<c>principal</c>, <c>contractualInterest</c>, <c>penaltyInterest</c>, <c>interest</c>, <c>total</c>), every one a
/// plain JSON number:
/// <code>{"interestOnLateInterest":0,"interestOnOverduePrincipal":0,"overdueInterest":0,"overduePrincipal":0,"interestDue":1643836,
/// "principalDue":0,"accruedInterest":0,"prepayment":0,"refundableExcess":0,"principal":0,"contractualInterest":1643836,
/// "penaltyInterest":0,"interest":1643836,"total":1643836}</code>
/// This is the shape repayments were always stored in, so every event recorded before the split became the engine's type
/// reads back unchanged. Reading takes the nine parts (an absent part is 0); the sums are recomputed by the type, never
/// read, so a stored sum can never disagree with its parts.
/// </summary>
public sealed class PaymentAllocationJson : JsonConverter<PaymentAllocation>
{
    private static readonly string[] Parts =
    [
        "interestOnLateInterest", "interestOnOverduePrincipal", "overdueInterest", "overduePrincipal", "interestDue", "principalDue",
        "accruedInterest", "prepayment", "refundableExcess",
    ];

    private static readonly string[] Sums = ["principal", "contractualInterest", "penaltyInterest", "interest", "total"];

    /// <summary>Every member written, in order (the OpenAPI description lists them: <c>OpenApiSetup</c>).</summary>
    public static IReadOnlyList<string> Members { get; } = [.. Parts, .. Sums];

    public override PaymentAllocation Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartObject) throw new JsonException("A repayment's split must be a JSON object.");
        var parts = new long[Parts.Length];
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            if (reader.TokenType != JsonTokenType.PropertyName) throw new JsonException("A repayment's split holds named amounts.");
            var name = reader.GetString();
            var index = Array.FindIndex(Parts, p => string.Equals(p, name, StringComparison.OrdinalIgnoreCase));
            reader.Read();
            if (index < 0)
            {
                reader.Skip(); // a sum (principal, interest, total...) or an unknown member: recomputed, never read
                continue;
            }
            if (reader.TokenType != JsonTokenType.Number || !reader.TryGetInt64(out var dong))
                throw new JsonException($"The amount {Parts[index]} of a repayment's split must be a whole number of đồng.");
            parts[index] = dong;
        }
        var p = parts.Select(Money.Of).ToArray();
        return new PaymentAllocation(p.Aggregate(Money.Zero, (sum, part) => sum + part), p[0], p[1], p[2], p[3], p[4], p[5], p[6], p[7], p[8]);
    }

    public override void Write(Utf8JsonWriter writer, PaymentAllocation value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        Money[] parts =
        [
            value.InterestOnLateInterest, value.InterestOnOverduePrincipal, value.OverdueInterest, value.OverduePrincipal, value.InterestDue,
            value.PrincipalDue, value.AccruedInterest, value.Prepayment, value.RefundableExcess,
        ];
        for (var i = 0; i < Parts.Length; i++) writer.WriteNumber(Parts[i], parts[i].Dong);
        Money[] sums = [value.Principal, value.ContractualInterest, value.PenaltyInterest, value.Interest, value.Allocated];
        for (var i = 0; i < Sums.Length; i++) writer.WriteNumber(Sums[i], sums[i].Dong);
        writer.WriteEndObject();
    }
}

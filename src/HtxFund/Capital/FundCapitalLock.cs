using JasperFx;
using JasperFx.CodeGeneration;
using JasperFx.CodeGeneration.Frames;
using Marten;
using Wolverine.Http;

namespace HtxFund.Capital;

/// <summary>
/// Marks an endpoint that appends to the fund's capital stream through Wolverine's aggregate workflow: its generated code
/// takes the fund's capital lock (<see cref="FundCapital.LockAsync"/>, in Wolverine's transaction) right after the
/// command's shape check and before Wolverine loads the aggregate and so reads the stream's version
/// (<see cref="FundCapitalLockPolicy"/>). The capital commands of a fund (and what spends its cash: tranche confirmations,
/// repayment reversals) are thereby decided one after the other, each on the ledger and the stream version left by the
/// last one committed, and a fund's first entries never race to start its stream. A <c>Load</c> step cannot do this: the
/// aggregate is loaded before any of them runs.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class HoldsFundCapitalLockAttribute : Attribute;

/// <summary>Adds the fund's capital lock to the endpoints marked <see cref="HoldsFundCapitalLockAttribute"/>, after the
/// <see cref="Infrastructure.Http.CommandValidation"/> step (registered after its policy) and before everything else.</summary>
internal sealed class FundCapitalLockPolicy : IHttpPolicy
{
    public void Apply(IReadOnlyList<HttpChain> chains, GenerationRules rules, IServiceContainer container)
    {
        foreach (var chain in chains.Where(c => c.Method.Method.IsDefined(typeof(HoldsFundCapitalLockAttribute), false)))
        {
            var validation = chain.Middleware.FindIndex(f => f is MethodCall m && m.HandlerType == typeof(Infrastructure.Http.CommandValidation));
            var lockStep = new MethodCall(typeof(FundCapital), typeof(FundCapital).GetMethod(nameof(FundCapital.LockAsync))!)
            {
                CommentText = "The fund's capital lock, before the capital stream's version is read",
            };
            chain.Middleware.Insert(validation < 0 ? 0 : validation + 2, lockStep); // after the check and its early return
        }
    }
}

using JasperFx;
using JasperFx.CodeGeneration;
using JasperFx.CodeGeneration.Frames;
using Wolverine.Http;
using Wolverine.Runtime.Handlers;

namespace HtxFund.Capital;

/// <summary>What a capital entry does to the fund: only an outflow can take it below zero.</summary>
public enum CapitalFlow
{
    /// <summary>Only adds to the fund (a contribution, other capital received): decided without the fund's capital lock.</summary>
    Inflow,

    /// <summary>Can take the fund's capital or cash below zero, or lower what the lending limits are checked on (a
    /// withdrawal, other capital repaid, a retained result): decided holding the fund's capital lock.</summary>
    Outflow,
}

/// <summary>
/// Marks an endpoint that books a capital entry on the fund's capital stream through Wolverine's aggregate workflow. Its
/// generated code (<see cref="FundCapitalLockPolicy"/>), right after the command's shape check and before Wolverine loads
/// the aggregate and so reads the stream's version: takes the lock of the capital stream, after the fund's capital lock
/// for an <see cref="CapitalFlow.Outflow"/> (<see cref="FundCapital.LockOutflowAsync"/>, <see cref="FundCapital.LockStreamAsync"/>,
/// in Wolverine's transaction), then reads what the command decides on (<see cref="CapitalRecording.LoadAsync"/>, a
/// <see cref="CapitalBooking"/> for Validate and Post). The outflows of a fund (with the tranche confirmations and
/// repayment reversals, which take the fund's lock too) are thereby decided one after the other, each on the ledger left
/// by the last one committed; every entry appends at the stream version the last one left, and a fund's first entries
/// never race to start its stream. A <c>Load</c> step cannot take the locks: the aggregate is loaded before any of them runs.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class BooksCapitalAttribute(CapitalFlow flow) : Attribute
{
    public CapitalFlow Flow => flow;
}

/// <summary>Adds the locks and the booking's read to the endpoints marked <see cref="BooksCapitalAttribute"/>, after the
/// <see cref="Infrastructure.Http.CommandValidation"/> step (registered after its policy) and before everything else.</summary>
internal sealed class FundCapitalLockPolicy : IHttpPolicy
{
    public void Apply(IReadOnlyList<HttpChain> chains, GenerationRules rules, IServiceContainer container)
    {
        foreach (var chain in chains)
        {
            if (chain.Method.Method.GetCustomAttributes(typeof(BooksCapitalAttribute), false) is not [BooksCapitalAttribute books]) continue;
            var validation = chain.Middleware.FindIndex(f => f is MethodCall m && m.HandlerType == typeof(Infrastructure.Http.CommandValidation));
            var lockMethod = books.Flow == CapitalFlow.Outflow ? nameof(FundCapital.LockOutflowAsync) : nameof(FundCapital.LockStreamAsync);
            var lockStep = new MethodCall(typeof(FundCapital), typeof(FundCapital).GetMethod(lockMethod)!)
            {
                CommentText = "The capital locks, before the capital stream's version is read",
            };
            var booking = new MethodCall(typeof(CapitalRecording), typeof(CapitalRecording).GetMethod(nameof(CapitalRecording.LoadAsync))!)
            {
                CommentText = "What the capital command decides on, read under its locks",
            };
            chain.Middleware.InsertRange(validation < 0 ? 0 : validation + 2, [lockStep, booking]); // after the check and its early return
        }
    }

    /// <summary>The same locks for a message handler that appends to the fund's capital stream through Wolverine's aggregate
    /// workflow, called from its static <c>Configure(HandlerChain)</c> (which Wolverine runs once the aggregates' load steps
    /// are on the chain): the lock step goes first, so the locks are held, in Wolverine's transaction, before any stream's
    /// version is read. The handler reads the ledger itself, in its <c>Load</c> step, under the locks.</summary>
    internal static void HoldLocksFirst(HandlerChain chain, CapitalFlow flow)
    {
        var lockMethod = flow == CapitalFlow.Outflow ? nameof(FundCapital.LockOutflowAsync) : nameof(FundCapital.LockStreamAsync);
        chain.Middleware.Insert(0, new MethodCall(typeof(FundCapital), typeof(FundCapital).GetMethod(lockMethod)!)
        {
            CommentText = "The capital locks, before the streams' versions are read",
        });
    }
}

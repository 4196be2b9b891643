using HtxFund.Loans.Contracting;
using HtxFund.Loans.Disbursing;
using HtxFund.Loans.GettingDetails;
using HtxFund.Loans.ImportingStatements;
using HtxFund.Loans.Repaying;
using HtxFund.Loans.Totals;
using JasperFx.Events.Projections;
using Marten;
using Marten.Schema;

namespace HtxFund.Loans;

public static class LoansConfiguration
{
    public static StoreOptions ConfigureLoans(this StoreOptions opts)
    {
        // The loan, kept inline per loan stream in the transaction that appends: commands load it through Wolverine's
        // aggregate workflow, reads load the document. The columns are what the reports select loans by in SQL.
        opts.Projections.Snapshot<Loan>(SnapshotLifecycle.Inline);
        opts.Schema.For<Loan>()
            .Duplicate(x => x.Stage)
            .Duplicate(x => x.FirstDisbursedDay!)
            .Duplicate(x => x.ClosedDay!)
            .Duplicate(x => x.CooperativeId)
            .Duplicate(x => x.MemberId!);
        opts.Projections.Add<LoanDetailsProjection>(ProjectionLifecycle.Inline);
        opts.Schema.For<LoanDetails>()
            .Index(x => x.BorrowerKey)
            .Index(x => x.Stage)
            .Duplicate(x => x.OfficerId!)
            // one contract number per fund: a concurrent duplicate fails at commit and is answered 409
            .UniqueIndex(UniqueIndexType.DuplicatedField, "uidx_loan_contract_number", Marten.Schema.Indexing.Unique.TenancyScope.PerTenant, x => x.ContractNumber!);
        opts.Schema.For<BookedBankReference>();
        opts.Schema.For<LoanContractDocument>();
        opts.Events.AddEventType<LoanContractDocumentIssued>(); // historic, still in older streams
        opts.Schema.For<BankStatementImport>();
        opts.ConfigureLendingTotals();
        return opts;
    }

    public static IServiceCollection AddHtxFundLoans(this IServiceCollection services)
    {
        services.AddSingleton<ContractDocumentService>();
        return services;
    }
}

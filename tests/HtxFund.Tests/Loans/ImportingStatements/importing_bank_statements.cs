using System.Net.Http.Headers;
using System.Text;
using Alba;
using HtxFund.Identity;
using HtxFund.Infrastructure.Http.Idempotency;
using HtxFund.Loans.ImportingStatements;
using HtxFund.Loans.Repaying;
using HtxFund.Tests.Loans.Fixtures;
using HtxFund.Tests.Support;

namespace HtxFund.Tests.Loans.ImportingStatements;

public sealed class importing_bank_statements(AppFixture fixture) : LoanContext(fixture)
{
    private async Task<BankStatementImport> Import(string csv, string? token = null)
    {
        token ??= await TokenFor(Roles.Accountant);
        var result = await Host.Scenario(s =>
        {
            s.WithRequestHeader("Authorization", $"Bearer {token}");
            var form = new MultipartFormDataContent();
            var file = new ByteArrayContent([0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(csv)]);
            file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
            form.Add(file, "file", "saoke-agribank-2026-12.csv");
            s.Post.MultipartFormData(form).ToUrl("/api/repayments/statements");
            s.IgnoreStatusCode();
        });
        result.Context.Response.StatusCode.ShouldBe(201, await result.ReadAsTextAsync());
        return await result.Read<BankStatementImport>();
    }

    private async Task<IScenarioResult> Confirm(Guid statementId, string? token = null)
    {
        token ??= await TokenFor(Roles.Accountant);
        return await Host.Scenario(s =>
        {
            s.WithRequestHeader("Authorization", $"Bearer {token}");
            s.WithRequestHeader(IdempotencyMiddleware.Header, Guid.NewGuid().ToString());
            s.Post.Url($"/api/repayments/statements/{statementId}/confirmation");
            s.IgnoreStatusCode();
        });
    }

    [Fact]
    public async Task a_statement_is_previewed_confirmed_and_never_booked_twice_with_unmatched_lines_listed()
    {
        var first = await SignedLoan(200_000_000, "31/2026/HĐTD");
        await Disbursed(first, 200_000_000);
        var second = await SignedLoan(100_000_000, "32/2026/HĐTD");
        await Disbursed(second, 100_000_000);
        AdvanceDays(3); // 25/11/2026
        var cash = (await Capital()).CashAvailable.Dong;

        const string csv = """
            date;amount;reference;contract_number;description
            24/11/2026;5000000;FT2632800001;31/2026/HĐTD;HTX Ea Tu tra no
            25/11/2026;2000000;FT2632900002;32/2026/HĐTD;tra lai; thang 11

            25/11/2026;1000000;FT2632900003;99/2026/HĐTD;khong ro hop dong
            2026-11-25;1000000;FT2632900004;31/2026/HĐTD;sai dinh dang ngay
            25/11/2026;1.000.000;FT2632900005;31/2026/HĐTD;so tien co dau cham
            25/11/2026;3000000;FT2632800001;31/2026/HĐTD;lap lai chung tu
            """;
        var preview = await Import(csv);
        preview.Lines.Count.ShouldBe(6); // the header and the blank line are not lines; nothing else is dropped
        preview.Lines.Select(l => l.Status).ShouldBe([StatementLineStatus.Matched, StatementLineStatus.Matched, StatementLineStatus.Unmatched,
            StatementLineStatus.Unmatched, StatementLineStatus.Unmatched, StatementLineStatus.Duplicate]);
        preview.Lines[0].LoanId.ShouldBe(first);
        preview.Lines[1].LoanId.ShouldBe(second);
        preview.Lines[1].Description.ShouldBe("tra lai; thang 11");
        preview.Lines[2].Code.ShouldBe("statement.contract_not_found");
        preview.Lines[3].Code.ShouldBe("statement.date_format");
        preview.Lines[4].Code.ShouldBe("statement.amount_format");
        preview.Lines[5].Code.ShouldBe("statement.repeated_reference");
        (await Capital()).CashAvailable.Dong.ShouldBe(cash); // a preview books nothing

        var confirmed = await Confirm(preview.Id);
        confirmed.Context.Response.StatusCode.ShouldBe(200, await confirmed.ReadAsTextAsync());
        var result = await confirmed.Read<BankStatementImport>();
        result.BookedCount.ShouldBe(2);
        result.BookedAmount.ShouldBe(7_000_000);
        result.UnmatchedCount.ShouldBe(3);
        (await Capital()).CashAvailable.Dong.ShouldBe(cash + 7_000_000);
        (await Loan(first)).Repayments.Single().StatementId.ShouldBe(preview.Id);

        // confirming again, and importing the same file again, books nothing twice
        var events = await EventCount();
        (await (await Confirm(preview.Id)).Read<BankStatementImport>()).BookedCount.ShouldBe(2);
        var again = await Import(csv);
        again.Lines.Take(2).ShouldAllBe(l => l.Status == StatementLineStatus.Duplicate);
        (await (await Confirm(again.Id)).Read<BankStatementImport>()).BookedCount.ShouldBe(0);
        (await EventCount()).ShouldBe(events);
        (await Capital()).CashAvailable.Dong.ShouldBe(cash + 7_000_000);

        var stored = await Get($"/api/repayments/statements/{preview.Id}", await TokenFor(Roles.ChiefAccountant));
        (await stored.Read<BankStatementImport>()).ConfirmationCount.ShouldBe(2);
        (await Get($"/api/repayments/statements/{preview.Id}", await TokenFor(Roles.ChiefAccountant, FundB))).Context.Response.StatusCode.ShouldBe(404);
        await (await Confirm(preview.Id, await TokenFor(Roles.CreditOfficer))).ShouldBeRefusal(403, "forbidden");
    }

    [Fact]
    public async Task a_statement_line_above_the_loans_payoff_is_refused_and_books_nothing()
    {
        var loan = await SignedLoan(100_000_000, "33/2026/HĐTD");
        await Disbursed(loan, 100_000_000);
        var cash = (await Capital()).CashAvailable.Dong;

        const string csv = """
            date;amount;reference;contract_number;description
            22/11/2026;2100000000;FT2632600009;33/2026/HĐTD;nhap nham so tien
            """;
        var preview = await Import(csv);
        preview.Lines.Single().Status.ShouldBe(StatementLineStatus.Matched);
        var result = await (await Confirm(preview.Id)).Read<BankStatementImport>();
        result.Lines.Single().Status.ShouldBe(StatementLineStatus.Refused);
        result.Lines.Single().Code.ShouldBe("repayment.above_payoff");
        result.BookedCount.ShouldBe(0);
        (await Capital()).CashAvailable.Dong.ShouldBe(cash);
        (await Loan(loan)).Repayments.ShouldBeEmpty();
    }

    [Fact]
    public async Task two_simultaneous_confirmations_of_a_statement_book_each_line_once()
    {
        var id = await SignedLoan(200_000_000, "33/2026/HĐTD");
        await Disbursed(id, 200_000_000);
        var cash = (await Capital()).CashAvailable.Dong;
        var preview = await Import("""
            22/11/2026;1000000;FT2632600011;33/2026/HĐTD;a
            22/11/2026;2000000;FT2632600012;33/2026/HĐTD;b
            22/11/2026;3000000;FT2632600013;33/2026/HĐTD;c
            """);
        var token = await TokenFor(Roles.Accountant);
        var results = await Task.WhenAll(Confirm(preview.Id, token), Confirm(preview.Id, token));
        results.ShouldAllBe(r => r.Context.Response.StatusCode == 200);
        (await Loan(id)).Repayments.Count.ShouldBe(3);
        (await Capital()).CashAvailable.Dong.ShouldBe(cash + 6_000_000);
        var stored = await (await Get($"/api/repayments/statements/{preview.Id}", token)).Read<BankStatementImport>();
        stored.BookedCount.ShouldBe(3);
        stored.BookedAmount.ShouldBe(6_000_000);
    }
}

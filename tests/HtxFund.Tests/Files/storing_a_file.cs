using System.Security.Cryptography;
using HtxFund.Files;
using HtxFund.Identity;
using Marten;
using Npgsql;

namespace HtxFund.Tests.Files;

public sealed class storing_a_file(AppFixture fixture) : IntegrationContext(fixture)
{
    private static readonly Actor Uploader = new(Guid.CreateVersion7(), "daklak.coop", [Roles.Cooperative]);

    private static FileUpload Upload(string name, byte[] content) =>
        FileUpload.FromBytes(name, content, FileLimits.Default).Upload.ShouldNotBeNull();

    private async Task<StoredFileRef> Saved(FileUpload upload, string owner, string fund = FundA)
    {
        await using var session = Store.LightweightSession(fund);
        var saved = FileStore.Save(session, upload, owner, Uploader, Clock.GetCurrentInstant());
        await session.SaveChangesAsync();
        return saved;
    }

    [Fact]
    public async Task a_saved_file_loads_with_identical_bytes_and_its_sha256()
    {
        var bytes = FileSamples.PdfOfSize(3 * 1024 * 1024 + 17);
        var saved = await Saved(Upload("Kế hoạch kinh doanh.pdf", bytes), "application:1");

        await using var session = Store.QuerySession(FundA);
        var loaded = (await FileStore.LoadAsync(session, saved.Id, CancellationToken.None)).ShouldNotBeNull();

        loaded.Content.ShouldBe(bytes);
        var sha256 = Convert.ToHexString(SHA256.HashData(bytes)).ToLowerInvariant();
        loaded.File.Sha256.ShouldBe(sha256);
        saved.ShouldBe(new StoredFileRef(saved.Id, "Kế hoạch kinh doanh.pdf", "application/pdf", bytes.Length, sha256));
        loaded.File.ToRef().ShouldBe(saved);
        loaded.File.Owner.ShouldBe("application:1");
        loaded.File.Kind.ShouldBe(FileKind.Pdf);
        loaded.File.UploadedBy.ShouldBe(Uploader.UserId);
        loaded.File.UploadedAt.ShouldBe(AppFixture.Start);
    }

    [Fact]
    public async Task another_fund_cannot_load_it()
    {
        var saved = await Saved(Upload("anh.png", FileSamples.Png()), "application:2");

        await using var otherFund = Store.QuerySession(FundB);
        (await FileStore.LoadAsync(otherFund, saved.Id, CancellationToken.None)).ShouldBeNull();
        (await FileStore.FindAsync(otherFund, saved.Id, CancellationToken.None)).ShouldBeNull();
        (await FileStore.ListByOwnerAsync(otherFund, "application:2", CancellationToken.None)).ShouldBeEmpty();
        (await otherFund.LoadAsync<StoredFileContent>(saved.Id)).ShouldBeNull();

        await using var conn = new NpgsqlConnection(Fixture.ConnectionString);
        await conn.OpenAsync();
        foreach (var table in new[] { "mt_doc_storedfile", "mt_doc_storedfilecontent" })
        {
            await using var cmd = new NpgsqlCommand($"SELECT tenant_id FROM htxfund.{table} WHERE id = @id", conn);
            cmd.Parameters.AddWithValue("id", saved.Id);
            (await cmd.ExecuteScalarAsync()).ShouldBe(FundA);
        }
    }

    [Fact]
    public async Task listing_by_owner_gives_metadata_without_loading_content()
    {
        var first = await Saved(Upload("a.pdf", FileSamples.Pdf()), "application:3");
        Clock.AdvanceMinutes(1);
        var second = await Saved(Upload("b.jpg", FileSamples.Jpeg()), "application:3");
        await Saved(Upload("c.png", FileSamples.Png()), "application:other");

        await using var session = Store.QuerySession(FundA);
        var files = await FileStore.ListByOwnerAsync(session, "application:3", CancellationToken.None);

        files.Select(f => f.ToRef()).ShouldBe([first, second]);
        typeof(StoredFile).GetProperties().ShouldNotContain(p => p.PropertyType == typeof(byte[]));
        var sql = session.Query<StoredFile>().Where(x => x.Owner == "application:3").ToCommand().CommandText;
        sql.ShouldContain("mt_doc_storedfile ");
        sql.ShouldNotContain("storedfilecontent");
    }

    [Fact]
    public async Task nothing_is_stored_until_the_callers_session_commits()
    {
        StoredFileRef saved;
        await using (var session = Store.LightweightSession(FundA))
        {
            saved = FileStore.Save(session, Upload("a.pdf", FileSamples.Pdf()), "application:4", Uploader, Clock.GetCurrentInstant());
        }

        await using var query = Store.QuerySession(FundA);
        (await FileStore.LoadAsync(query, saved.Id, CancellationToken.None)).ShouldBeNull();
        (await query.LoadAsync<StoredFileContent>(saved.Id)).ShouldBeNull();
    }

    [Fact]
    public async Task content_that_no_longer_matches_its_sha256_is_never_served()
    {
        var saved = await Saved(Upload("a.pdf", FileSamples.Pdf()), "application:5");
        await using (var session = Store.LightweightSession(FundA))
        {
            var tampered = FileSamples.Pdf();
            tampered[20] ^= 0x01;
            session.Store(new StoredFileContent { Id = saved.Id, Content = tampered });
            await session.SaveChangesAsync();
        }

        await using var query = Store.QuerySession(FundA);
        await Should.ThrowAsync<InvalidOperationException>(() => FileStore.LoadAsync(query, saved.Id, CancellationToken.None));
    }

    [Fact]
    public async Task an_owner_is_required()
    {
        await using var session = Store.LightweightSession(FundA);
        Should.Throw<ArgumentException>(() =>
            FileStore.Save(session, Upload("a.pdf", FileSamples.Pdf()), " ", Uploader, Clock.GetCurrentInstant()));
    }
}

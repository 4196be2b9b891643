namespace HtxFund.Documents.Layout;

/// <summary>A slice on a page: drawn at <see cref="Top"/> (relative to the content area), showing the window
/// [<see cref="Offset"/>, <see cref="Offset"/> + <see cref="Visible"/>) of the slice.</summary>
internal sealed record Placement(Slice Slice, float Top, float Offset, float Visible);

/// <summary>
/// Flows slices down pages. Content that does not fit moves to the next page; a slice that carries a table header
/// starts each new page with that header; a slice taller than a whole page is split across pages (each page
/// shows the next part of it, clipped), so pagination always ends.
/// </summary>
internal static class Paginator
{
    /// <param name="available">Usable content height of the page with the given 0-based index within this flow.</param>
    public static List<List<Placement>> Paginate(IReadOnlyList<Slice> slices, Func<int, float> available)
    {
        var pages = new List<List<Placement>> { new() };
        var cursor = 0f;
        var hasOwnContent = false;
        var height = available(0);

        void NewPage(Slice? header)
        {
            pages.Add([]);
            cursor = 0;
            hasOwnContent = false;
            height = available(pages.Count - 1);
            if (header is not null && header.Height < height * 0.5f)
            {
                pages[^1].Add(new Placement(header, 0, 0, header.Height));
                cursor = header.Height;
            }
        }

        for (var i = 0; i < slices.Count; i++)
        {
            var slice = slices[i];
            switch (slice.Kind)
            {
                case SliceKind.PageBreak:
                    if (hasOwnContent)
                        NewPage(null);
                    continue;
                case SliceKind.Space:
                    if (!hasOwnContent)
                        continue;
                    if (cursor + slice.Height > height)
                        NewPage(null);
                    else
                        cursor += slice.Height;
                    continue;
            }

            var needed = slice.Height + KeptHeight(slices, i);
            if (needed > height)
                needed = slice.Height;
            if (hasOwnContent && cursor + needed > height)
                NewPage(slice.RepeatedHeader);

            if (cursor + slice.Height <= height + 0.01f)
            {
                pages[^1].Add(new Placement(slice, cursor, 0, slice.Height));
                cursor += slice.Height;
                hasOwnContent = true;
                continue;
            }

            // Taller than what is left of an otherwise empty page: show it part by part.
            var offset = 0f;
            while (true)
            {
                var room = height - cursor;
                if (room < 1f)
                {
                    NewPage(null);
                    room = height;
                }
                var part = Math.Min(room, slice.Height - offset);
                if (offset + part < slice.Height - 0.01f)
                {
                    // Prefer a cut between lines of text to a cut through one.
                    var end = offset + part;
                    var best = slice.Breaks.LastOrDefault(b => b > offset + 1f && b <= end + 0.01f);
                    if (best > 0)
                        part = best - offset;
                }
                pages[^1].Add(new Placement(slice, cursor, offset, part));
                cursor += part;
                hasOwnContent = true;
                offset += part;
                if (offset >= slice.Height - 0.01f)
                    break;
                NewPage(slice.RepeatedHeader);
            }
        }
        return pages;
    }

    /// <summary>Height of the content that must stay with slice <paramref name="index"/> (the chain of keep-with-next).</summary>
    private static float KeptHeight(IReadOnlyList<Slice> slices, int index)
    {
        var total = 0f;
        for (var i = index; i < slices.Count && slices[i].KeepWithNext; i++)
        {
            var j = i + 1;
            while (j < slices.Count && slices[j].Kind == SliceKind.Space)
                total += slices[j++].Height;
            if (j >= slices.Count || slices[j].Kind == SliceKind.PageBreak)
                break;
            total += slices[j].Height;
            i = j - 1;
        }
        return total;
    }
}

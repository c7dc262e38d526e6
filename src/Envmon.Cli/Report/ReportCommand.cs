using System.CommandLine;
using System.Globalization;
using System.Text;
using Envmon.Server.Indicators;

namespace Envmon.Cli.Report;

/// <summary>
/// <c>envmon report aqi --date D | --month YYYY-MM</c>: the cities' daily AQI as a table on the console and as CSV
/// (through the running server's API, or from the store when it is stopped). A month adds each city's share of
/// good days (优良天数比例, AQI ≤ 100) over its days with an AQI.
/// </summary>
internal static class ReportCommand
{
    public static Command Create(CliConsole console) => new("report", "Print and write official reports.") { Aqi(console) };

    private static Command Aqi(CliConsole console)
    {
        var data = DataDirectory.Option();
        var date = new Option<DateOnly?>("--date") { Description = "The day (Beijing date, yyyy-MM-dd)." };
        var month = new Option<string?>("--month") { Description = "The month (yyyy-MM): every day of it." };
        var output = new Option<FileInfo?>("--output") { Description = "Where to write the CSV (default: aqi-DATE.csv or aqi-MONTH.csv here)." };
        var command = new Command("aqi", "Daily AQI of every city: a table on the console and a CSV file.") { data, date, month, output };
        command.SetAction(async (parse, cancellation) =>
        {
            List<DateOnly> days;
            string label;
            if (parse.GetValue(date) is { } day && parse.GetValue(month) is null)
            {
                (days, label) = ([day], day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            }
            else if (parse.GetValue(month) is { } text && parse.GetValue(date) is null
                && DateOnly.TryParseExact(text + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var first))
            {
                (days, label) = (Enumerable.Range(0, DateTime.DaysInMonth(first.Year, first.Month)).Select(first.AddDays).ToList(), text);
            }
            else
            {
                var given = parse.GetValue(month) is { } m ? $" (--month \"{m}\" must be yyyy-MM)" : "";
                await console.Error.WriteLineAsync($"envmon: give either --date yyyy-MM-dd or --month yyyy-MM{given}").ConfigureAwait(false);
                return 2;
            }

            var csv = new StringBuilder();
            var exit = await DataDirectory.RunAsync(parse.GetValue(data)!, console, async http =>
            {
                foreach (var d in days)
                {
                    var text = await http.GetStringAsync(new Uri($"api/v1/aqi/cities/daily.csv?date={d:yyyy-MM-dd}", UriKind.Relative), cancellation).ConfigureAwait(false);
                    Append(csv, text);
                }

                return 0;
            }, store =>
            {
                var cities = AirDays.Compute(store, store.Stations(), days[0], days.Count).Cities;
                Append(csv, AirDays.ToCsv(cities.OrderBy(c => c.Date).ThenBy(c => c.City, StringComparer.Ordinal)));

                return Task.FromResult(0);
            }).ConfigureAwait(false);
            if (exit != 0)
            {
                return exit;
            }

            var file = parse.GetValue(output) ?? new FileInfo($"aqi-{label}.csv");
            await File.WriteAllTextAsync(file.FullName, csv.ToString(), new UTF8Encoding(false), cancellation).ConfigureAwait(false);
            await Output.WriteAsync(console, null, Table(csv.ToString(), days.Count > 1), cancellation).ConfigureAwait(false);
            await console.Error.WriteLineAsync($"envmon: wrote {file.FullName}").ConfigureAwait(false);
            return 0;
        });
        return command;
    }

    // Keeps the header of the first day only.
    private static void Append(StringBuilder csv, string day)
        => csv.Append(csv.Length == 0 ? day : day[(day.IndexOf('\n', StringComparison.Ordinal) + 1)..]);

    // date city aqi category primary PM2.5 PM10 O3_8h; for a month, then each city's good-day share.
    private static string Table(string csv, bool month)
    {
        var rows = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(line => line.Split(',')).ToList();
        var table = new StringBuilder();
        table.AppendLine(CultureInfo.InvariantCulture, $"{"日期 date",-12}{"城市 city",-12}{"AQI",6}  {"类别 category",-12}{"首要污染物 primary",-20}{"PM2.5",7}{"PM10",7}{"O3_8h",7}");
        foreach (var r in rows)
        {
            table.AppendLine(CultureInfo.InvariantCulture, $"{r[0],-12}{r[2],-12}{(r[4] == "" ? "—" : r[4]),6}  {r[5],-12}{r[6],-20}{r[13],7}{r[12],7}{r[11],7}");
        }

        if (month)
        {
            table.AppendLine().AppendLine("城市 city     优良天数/有效天数 good days / days with an AQI");
            foreach (var city in rows.Where(r => r[3] != "").GroupBy(r => r[2]))
            {
                var good = city.Count(r => int.Parse(r[3], CultureInfo.InvariantCulture) <= 100);
                table.AppendLine(CultureInfo.InvariantCulture, $"{city.Key,-12}{good,4} / {city.Count(),-4}{100.0 * good / city.Count(),8:F1} %");
            }
        }

        return table.ToString();
    }
}

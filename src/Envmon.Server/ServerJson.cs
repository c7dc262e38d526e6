using System.Text.Json.Serialization;
using Envmon.Monitoring.Interference;
using Envmon.Server.Access;
using Envmon.Server.Audit;
using Envmon.Server.Downlink;
using Envmon.Server.Indicators;
using Envmon.Server.Interference;
using Envmon.Server.Publication;
using Envmon.Server.Quality;
using Envmon.Server.Readings;
using Envmon.Server.Review;
using Envmon.Server.Stations;
using Envmon.Server.Statistics;
using Envmon.Server.Status;
using Envmon.Storage.Archive;

namespace Envmon.Server;

/// <summary>Source-generated JSON for everything the API returns.</summary>
[JsonSourceGenerationOptions(System.Text.Json.JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(ServerInfo))]
[JsonSerializable(typeof(Dashboard.MapPoint[]))]
[JsonSerializable(typeof(System.Net.ServerSentEvents.SseItem<Dashboard.MapPoint[]>))]
[JsonSerializable(typeof(StationDetail))]
[JsonSerializable(typeof(StationView[]))]
[JsonSerializable(typeof(ImportOutcome))]
[JsonSerializable(typeof(ReadingView[]))]
[JsonSerializable(typeof(Health))]
[JsonSerializable(typeof(ArchiveVerification))]
[JsonSerializable(typeof(RecallView))]
[JsonSerializable(typeof(RecallView[]))]
[JsonSerializable(typeof(RequestView))]
[JsonSerializable(typeof(AqiView))]
[JsonSerializable(typeof(AqiView[]))]
[JsonSerializable(typeof(DayView))]
[JsonSerializable(typeof(DayView[]))]
[JsonSerializable(typeof(RankingView))]
[JsonSerializable(typeof(WaterView))]
[JsonSerializable(typeof(WaterView[]))]
[JsonSerializable(typeof(NoiseView))]
[JsonSerializable(typeof(NoiseView[]))]
[JsonSerializable(typeof(UserRecord))]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(SignInRequest))]
[JsonSerializable(typeof(SessionView))]
[JsonSerializable(typeof(PasswordChange))]
[JsonSerializable(typeof(UserView[]))]
[JsonSerializable(typeof(NewUserRequest))]
[JsonSerializable(typeof(NewUserView))]
[JsonSerializable(typeof(AuditView))]
[JsonSerializable(typeof(AuditView[]))]
[JsonSerializable(typeof(QcRecordView[]))]
[JsonSerializable(typeof(QcConfigView))]
[JsonSerializable(typeof(QcRunView))]
[JsonSerializable(typeof(QaWindowRequest))]
[JsonSerializable(typeof(QaWindowView))]
[JsonSerializable(typeof(QaWindowView[]))]
[JsonSerializable(typeof(Envmon.Monitoring.Quality.QcReason[]))]
[JsonSerializable(typeof(MarkRequest))]
[JsonSerializable(typeof(SignRequest))]
[JsonSerializable(typeof(LockRequest))]
[JsonSerializable(typeof(ReopenRequest))]
[JsonSerializable(typeof(MarkRecord))]
[JsonSerializable(typeof(LevelRecord))]
[JsonSerializable(typeof(QueueRow[]))]
[JsonSerializable(typeof(LevelView[]))]
[JsonSerializable(typeof(ReviewHour[]))]
[JsonSerializable(typeof(LockView[]))]
[JsonSerializable(typeof(Detection))]
[JsonSerializable(typeof(TriageRequest))]
[JsonSerializable(typeof(CaseView))]
[JsonSerializable(typeof(CaseView[]))]
[JsonSerializable(typeof(EvidenceView))]
[JsonSerializable(typeof(ScanView))]
[JsonSerializable(typeof(PublicStation[]))]
[JsonSerializable(typeof(StatisticsRow[]))]
[JsonSerializable(typeof(NetworkingView))]
[JsonSerializable(typeof(ScorecardRow[]))]
internal sealed partial class ServerJson : JsonSerializerContext;

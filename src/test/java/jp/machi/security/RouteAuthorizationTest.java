package jp.machi.security;

import static jp.machi.security.RouteAuthorizationTest.Access.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import jp.machi.support.MachiTest;
import jp.machi.support.SignedIn;
import jp.machi.support.StaffLogin;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.web.context.WebApplicationContext;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.RequestMappingInfoHandlerMapping;

/**
 * Every route of the application, for every kind of caller (issue 16). The route list is read from the application's
 * handler mappings (controllers and actuator endpoints), so a new route without a row in {@link #RULES} fails this test
 * with the row to add. Each row says who may pass the security checks; the test sends one request per route and
 * caller (path variables set to an id that does not exist, so nothing is changed) and checks that the refused are
 * refused (401, 403, a redirect to sign-in) and the allowed are not. Department scoping of real records is tested
 * where the records are ({@code DepartmentScopeTest} and the modules' tests).
 *
 * <p><b>Adding a route?</b> Add one line to {@link #RULES}, e.g. {@code rule("GET /staff/things/{id}", STAFF)}. The
 * access levels are the enum {@link Access}; the failure message prints the line with a guess from the path.
 */
@MachiTest
class RouteAuthorizationTest {

    /** Who may pass the security checks of a route. */
    enum Access {
        /** Everyone, signed in or not; an API token is refused unless the path is under /api/ */
        PUBLIC,
        /** A signed-in resident or staff member (browser session) */
        SIGNED_IN,
        /** A resident's own page (browser session); staff only while acting for a resident (代理入力), else 403 */
        RESIDENT_PAGE,
        /** Staff after the second factor (any role that includes STAFF) */
        STAFF,
        /**
         * Staff whom a module designates (e.g. the children's consultation's counsellors): everyone else is refused;
         * which staff pass is the module's setting and is tested in the module (here: not checked for staff)
         */
        DESIGNATED_STAFF,
        /** Department admins and system admins */
        DEPT_ADMIN,
        /** System admins */
        SYSTEM_ADMIN,
        /** Auditors */
        AUDITOR,
        /** A staff member between password and second factor only */
        SECOND_FACTOR_PENDING,
        /** The machine API for everyone (tokens welcome) */
        API_PUBLIC,
        /** The machine API for a resident: a resident's token or session */
        API_RESIDENT,
        /** Monitoring: a system admin or a token with the metrics:read scope */
        METRICS,
        /** The machine API for a staff token with the route's scope (e.g. notices:send); anonymous callers, residents
         *  and a resident's token are refused; staff depend on the module's own checks (who is a sender) */
        API_SCOPED,
        /** Not walked: the reason is in the row (e.g. the form login's own URL) */
        NOT_WALKED
    }

    /** The kinds of caller. */
    enum Caller { ANONYMOUS, RESIDENT, STAFF_OTHER_DEPARTMENT, STAFF, DEPT_ADMIN, SYSTEM_ADMIN, AUDITOR, RESIDENT_TOKEN }

    record Rule(String route, Access access) {}

    static Rule rule(String route, Access access) {
        return new Rule(route, access);
    }

    // One row per route: "METHOD /path/{variables}" as the controller declares it.
    static final List<Rule> RULES = List.of(
        // ROUTES-BEGIN
        rule("ANY /error", PUBLIC), // BasicErrorController#error
        rule("ANY /reports/upload-problem", PUBLIC), // ReportController#uploadProblem
        rule("ANY /upload-problem", PUBLIC), // Page#page
        rule("DELETE /api/v1/bookings/{id}", API_RESIDENT), // ReservationApiController#cancel
        rule("DELETE /api/v1/subscriptions/{id}", API_RESIDENT), // notification
        rule("GET /", PUBLIC), // HomeController#home
        rule("GET /about", PUBLIC), // HomeController#about
        rule("GET /accessibility", PUBLIC), // HomeController#accessibility
        rule("GET /account", SIGNED_IN), // AccountController#overview
        rule("GET /account/bookings", SIGNED_IN), // ReservationController#mine
        rule("GET /account/bookings/imported", SIGNED_IN), // ImportController#claimable
        rule("GET /account/bookings/new", SIGNED_IN), // ReservationController#confirm
        rule("GET /account/bookings/registration", SIGNED_IN), // ReservationController#registration
        rule("GET /account/bookings/{id}", SIGNED_IN), // ReservationController#detail
        rule("GET /account/bookings/{id}/cancel", SIGNED_IN), // MyBookingsController#confirmCancel
        rule("GET /account/bookings/{id}/checkout", SIGNED_IN), // MoneyController#checkout
        rule("GET /account/data", SIGNED_IN), // AccountController#download
        rule("GET /account/delete", SIGNED_IN), // AccountController#deleteConfirm
        rule("GET /account/group", SIGNED_IN), // GroupController#mine
        rule("GET /account/group/bookings/new", SIGNED_IN), // GroupController#confirm
        rule("GET /account/group/new", SIGNED_IN), // GroupController#form
        rule("GET /account/lottery", SIGNED_IN), // LotteryController#mine
        rule("GET /account/lottery/rounds/{id}", SIGNED_IN), // LotteryController#myRound
        rule("GET /account/notifications", RESIDENT_PAGE), // notification
        rule("GET /account/notifications/profile", RESIDENT_PAGE), // notification
        rule("GET /account/notifications/settings", RESIDENT_PAGE), // notification
        rule("GET /account/notifications/{kind}/{ref}", RESIDENT_PAGE), // notification
        rule("GET /account/password", SIGNED_IN), // AccountController#password
        rule("GET /account/profile", SIGNED_IN), // AccountController#profile
        rule("GET /account/recovery-codes", SIGNED_IN), // LoginController#recoveryCodes
        rule("GET /account/tokens", SIGNED_IN), // AccountController#tokens
        rule("GET /actuator", METRICS), // WebMvcLinksHandler#links
        rule("GET /actuator/health", PUBLIC), // OperationHandler#handle
        rule("GET /actuator/health/**", PUBLIC), // OperationHandler#handle
        rule("GET /actuator/info", METRICS), // OperationHandler#handle
        rule("GET /actuator/metrics", METRICS), // OperationHandler#handle
        rule("GET /actuator/metrics/{requiredMetricName}", METRICS), // OperationHandler#handle
        rule("GET /actuator/prometheus", METRICS), // OperationHandler#handle
        rule("GET /admin/holidays", SYSTEM_ADMIN), // HolidayAdminController#page
        rule("GET /admin/notifications/lists", DEPT_ADMIN), // notification
        rule("GET /admin/notifications/senders", DEPT_ADMIN), // notification
        rule("GET /admin/staff", DEPT_ADMIN), // StaffAdminController#list
        rule("GET /admin/staff/new", DEPT_ADMIN), // StaffAdminController#newForm
        rule("GET /admin/staff/{id}", DEPT_ADMIN), // StaffAdminController#edit
        rule("GET /api/v1/bookings", API_RESIDENT), // ReservationApiController#mine
        rule("GET /api/v1/facilities", API_PUBLIC), // FacilityApiController#list
        rule("GET /api/v1/facilities.csv", API_PUBLIC), // FacilityCsvController#csv
        rule("GET /api/v1/facilities/{id}", API_PUBLIC), // FacilityApiController#one
        rule("GET /api/v1/holidays", API_PUBLIC), // HolidayApiController#json
        rule("GET /api/v1/holidays.ics", API_PUBLIC), // HolidayApiController#ics
        rule("GET /api/v1/lottery/rounds", API_PUBLIC), // LotteryApiController#rounds
        rule("GET /api/v1/lottery/rounds/{id}", API_PUBLIC), // LotteryApiController#round
        rule("GET /api/v1/me", API_RESIDENT), // MeApiController#me
        rule("GET /api/v1/me/data", API_RESIDENT), // MeApiController#data
        rule("GET /api/v1/notices", API_PUBLIC), // notification
        rule("GET /api/v1/notices/{id}", API_PUBLIC), // notification
        rule("GET /api/v1/notification/areas", API_PUBLIC), // notification
        rule("GET /api/v1/notification/topics", API_PUBLIC), // notification
        rule("GET /api/v1/notification/unsubscribe/{token}", API_PUBLIC), // notification
        rule("GET /api/v1/reports", API_PUBLIC), // ReportApiController#list
        rule("GET /api/v1/rooms/{roomId}/availability", API_PUBLIC), // ReservationApiController#availability
        rule("GET /api/v1/subscriptions", API_RESIDENT), // notification
        rule("GET /api/v1/subscriptions/{id}", API_RESIDENT), // notification
        rule("GET /audit", AUDITOR), // AuditController#search
        rule("GET /audit-anchors", PUBLIC), // AuditAnchorsController#page
        rule("GET /audit-anchors.txt", PUBLIC), // AuditAnchorsController#text
        rule("GET /audit/export.csv", AUDITOR), // AuditController#export
        rule("GET /audit/verify", AUDITOR), // AuditController#verifyPage
        rule("GET /calendar/{token}.ics", PUBLIC), // MoneyController#feed
        rule("GET /facilities", PUBLIC), // FacilityController#search
        rule("GET /facilities/{id}", PUBLIC), // FacilityController#detail
        rule("GET /facilities/{id}/photos/{photoId}.jpg", PUBLIC), // FacilityPhotoController#web
        rule("GET /facilities/{id}/photos/{photoId}/thumbnail.jpg", PUBLIC), // FacilityPhotoController#thumbnail
        rule("GET /goodbye", PUBLIC), // AccountController#goodbye
        rule("GET /holidays", PUBLIC), // HolidayPageController#page
        rule("GET /login", PUBLIC), // LoginController#login
        rule("GET /login/2fa", SECOND_FACTOR_PENDING), // LoginController#secondFactor
        rule("GET /login/2fa/setup", SECOND_FACTOR_PENDING), // LoginController#setup
        rule("GET /notices", PUBLIC), // notification
        rule("GET /notices.atom", PUBLIC), // notification
        rule("GET /notices/{id}", PUBLIC), // notification
        rule("GET /notifications/confirm/{token}", PUBLIC), // notification
        rule("GET /notifications/join", PUBLIC), // notification
        rule("GET /notifications/manage/{token}", PUBLIC), // notification
        rule("GET /notifications/stop/{token}", PUBLIC), // notification
        rule("GET /notifications/subscribe", PUBLIC), // notification
        rule("GET /notifications/subscribe/sent", PUBLIC), // notification
        rule("GET /notifications/unsubscribe/{token}", PUBLIC), // notification
        rule("GET /notifications/unsubscribed", PUBLIC), // notification
        rule("GET /open311/v2", PUBLIC), // Open311PageController#page
        rule("GET /open311/v2/", PUBLIC), // Open311PageController#page
        rule("GET /password/forgot", PUBLIC), // RegistrationController#forgot
        rule("GET /password/forgot/sent", PUBLIC), // RegistrationController#resetSent
        rule("GET /password/reset", PUBLIC), // RegistrationController#resetForm
        rule("GET /privacy", PUBLIC), // HomeController#privacy
        rule("GET /register", PUBLIC), // RegistrationController#form
        rule("GET /register/sent", PUBLIC), // RegistrationController#sent
        rule("GET /register/resend", PUBLIC), // RegistrationController#resendForm
        rule("GET /claim", PUBLIC), // ClaimController#form
        rule("GET /reports", PUBLIC), // ReportController#list
        rule("GET /reports/new", PUBLIC), // ReportController#choose
        rule("GET /reports/new/check", PUBLIC), // ReportController#check
        rule("GET /reports/new/{code}", PUBLIC), // ReportController#form
        rule("GET /reports/new/photo/{index}", PUBLIC), // ReportFormController#draftPhoto
        rule("GET /reports/stats", PUBLIC), // ReportStatsController#stats
        rule("GET /reports/{id}", PUBLIC), // ReportController#show
        rule("GET /reports/{id}/photos/{n}", PUBLIC), // ReportController#photo
        rule("GET /reports/{id}/photos/{n}/thumb", PUBLIC), // ReportController#thumb
        rule("GET /reservations", PUBLIC), // RoomFinderController#find
        rule("GET /reservations/facilities/{facilityId}", PUBLIC), // RoomFinderController#facility
        rule("GET /reservations/lottery", PUBLIC), // LotteryController#rounds
        rule("GET /reservations/lottery/rounds/{id}", PUBLIC), // LotteryController#round
        rule("GET /reservations/lottery/rounds/{id}/list.csv", PUBLIC), // LotteryController#list
        rule("GET /reservations/lottery/rounds/{id}/results.csv", PUBLIC), // LotteryController#results
        rule("GET /reservations/lottery/rounds/{id}/verify", PUBLIC), // LotteryController#verify
        rule("GET /reservations/rooms/{roomId}", PUBLIC), // ReservationController#room
        rule("GET /staff", STAFF), // StaffHomeController#home
        rule("GET /staff/facilities", STAFF), // FacilityStaffController#list
        rule("GET /staff/facilities/categories", SYSTEM_ADMIN), // FacilityCategoryController#list
        rule("GET /staff/facilities/categories/{code}", SYSTEM_ADMIN), // FacilityCategoryController#edit
        rule("GET /staff/facilities/import", DEPT_ADMIN), // FacilityImportController#form
        rule("GET /staff/facilities/import/{token}", DEPT_ADMIN), // FacilityImportController#preview
        rule("GET /staff/facilities/new", STAFF), // FacilityStaffController#newForm
        rule("GET /staff/facilities/{id}", STAFF), // FacilityStaffController#edit
        rule("GET /staff/facilities/{id}/hours", STAFF), // FacilityStaffController#hours
        rule("GET /staff/facilities/{id}/photos", STAFF), // FacilityPhotoStaffController#page
        rule("GET /staff/facilities/{id}/rooms", STAFF), // FacilityStaffController#rooms
        rule("GET /staff/facilities/{id}/rooms/{roomId}", STAFF), // FacilityStaffController#editRoom
        rule("GET /staff/notifications", STAFF), // notification
        rule("GET /staff/notifications/dashboard", STAFF), // notification
        rule("GET /staff/notifications/eligibility", DESIGNATED_STAFF), // notification
        rule("GET /staff/notifications/eligibility/{id}", DESIGNATED_STAFF), // notification
        rule("GET /staff/notifications/lists/{id}", STAFF), // notification
        rule("GET /staff/notifications/new", DESIGNATED_STAFF), // notification
        rule("GET /staff/notifications/rules", DESIGNATED_STAFF), // notification
        rule("GET /staff/notifications/rules/{code}", DESIGNATED_STAFF), // notification
        rule("GET /staff/notifications/topics", DESIGNATED_STAFF), // notification
        rule("GET /staff/notifications/{id}", STAFF), // notification
        rule("GET /staff/notifications/{id}/edit", STAFF), // notification
        rule("GET /staff/outbox", SYSTEM_ADMIN), // OutboxController#list
        rule("GET /staff/outbox/{id}", SYSTEM_ADMIN), // OutboxController#show
        rule("GET /staff/reports", STAFF), // StaffReportController#queue
        rule("GET /staff/reports/api-keys", DEPT_ADMIN), // Open311ApiKeyController#list
        rule("GET /staff/reports/export.csv", STAFF), // StaffReportExportController#export
        rule("GET /staff/reports/{id}", STAFF), // StaffReportController#show
        rule("GET /staff/reservations", STAFF), // ReservationStaffController#calendar
        rule("GET /staff/reservations/book", STAFF), // StaffCalendarController#book
        rule("GET /staff/reservations/blocks", STAFF), // BlockStaffController#page
        rule("GET /staff/reservations/bookings/{id}", STAFF), // ReservationStaffController#booking
        rule("GET /staff/reservations/groups", STAFF), // GroupStaffController#list
        rule("GET /staff/reservations/groups/{id}", STAFF), // GroupStaffController#group
        rule("GET /staff/reservations/import", STAFF), // ImportController#form
        rule("GET /staff/reservations/import/{id}", STAFF), // ImportController#preview
        rule("GET /staff/reservations/lottery", STAFF), // LotteryStaffController#rounds
        rule("GET /staff/reservations/lottery/new", STAFF), // LotteryStaffController#newRound
        rule("GET /staff/reservations/lottery/{id}", STAFF), // LotteryStaffController#round
        rule("GET /staff/reservations/reductions", STAFF), // MoneyStaffController#reductions
        rule("GET /staff/reservations/reductions/categories", SYSTEM_ADMIN), // ReductionCategoryStaffController#list
        rule("GET /staff/reservations/reductions/categories/new", SYSTEM_ADMIN), // ReductionCategoryStaffController#create
        rule("GET /staff/reservations/reductions/categories/{code}", SYSTEM_ADMIN), // ReductionCategoryStaffController#edit
        rule("GET /staff/reservations/rules", STAFF), // MoneyStaffController#rules
        rule("GET /staff/reservations/rules/edit", SYSTEM_ADMIN), // MoneyStaffController#edit (ward level without a scope; a facility scope opens it to the department's staff)
        rule("GET /staff/reservations/rules/parts", STAFF), // MoneyStaffController#parts
        rule("GET /staff/reservations/rules/slot-fees", SYSTEM_ADMIN), // MoneyStaffController#slotFees (ward level without a scope; a facility scope opens it to the department's staff)
        rule("GET /staff/reservations/rules/slots", SYSTEM_ADMIN), // MoneyStaffController#slots (ward level without a scope; a facility scope opens it to the department's staff)
        rule("GET /staff/reservations/utilisation", STAFF), // UtilisationStaffController#page
        rule("GET /staff/reservations/utilisation.csv", STAFF), // UtilisationStaffController#csv
        rule("GET /staff/residents", STAFF), // ResidentDeskController#search
        rule("GET /staff/residents/{id}", STAFF), // ResidentDeskController#show
        rule("GET /staff/residents/new", STAFF), // ResidentDeskController#registerForm
        rule("GET /v3/api-docs", PUBLIC), // OpenApiWebMvcResource#openapiJson
        rule("GET /v3/api-docs.yaml", PUBLIC), // OpenApiWebMvcResource#openapiYaml
        rule("GET /verify", PUBLIC), // RegistrationController#verify
        rule("POST /account/bookings/calendar-feed", SIGNED_IN), // MoneyController#resetFeed
        rule("POST /account/bookings/imported/{id}/claim", SIGNED_IN), // ImportController#claim
        rule("POST /account/bookings/new", SIGNED_IN), // ReservationController#book
        rule("POST /account/bookings/registration", SIGNED_IN), // ReservationController#register
        rule("POST /account/bookings/registration/evidence", SIGNED_IN), // ReservationController#evidence
        rule("POST /account/bookings/{id}/cancel", SIGNED_IN), // ReservationController#cancel
        rule("POST /account/bookings/{id}/confirm", SIGNED_IN), // MoneyController#confirm
        rule("POST /account/bookings/{id}/reduction", SIGNED_IN), // MoneyController#requestReduction
        rule("POST /account/delete", SIGNED_IN), // AccountController#delete
        rule("POST /account/group/bookings/new", SIGNED_IN), // GroupController#book
        rule("POST /account/group/new", SIGNED_IN), // GroupController#register
        rule("POST /account/group/renew", SIGNED_IN), // GroupController#renew
        rule("POST /account/group/withdraw", SIGNED_IN), // GroupController#withdraw
        rule("POST /account/lottery/applications/{id}/confirm", SIGNED_IN), // LotteryController#confirm
        rule("POST /account/lottery/applications/{id}/withdraw", SIGNED_IN), // LotteryController#withdraw
        rule("POST /account/lottery/rounds/{id}/applications", SIGNED_IN), // LotteryController#apply
        rule("POST /account/notifications/join", RESIDENT_PAGE), // notification
        rule("POST /account/notifications/lists/{id}/leave", RESIDENT_PAGE), // notification
        rule("POST /account/notifications/profile", RESIDENT_PAGE), // notification
        rule("POST /account/notifications/settings", RESIDENT_PAGE), // notification
        rule("POST /account/notifications/settings/end", RESIDENT_PAGE), // notification
        rule("POST /account/notifications/types", RESIDENT_PAGE), // notification
        rule("POST /account/password", SIGNED_IN), // AccountController#changePassword
        rule("POST /account/profile", SIGNED_IN), // AccountController#updateProfile
        rule("POST /account/recovery-codes", SIGNED_IN), // AccountController#regenerateRecoveryCodes
        rule("POST /account/tokens", SIGNED_IN), // AccountController#createToken
        rule("POST /account/tokens/{id}/revoke", SIGNED_IN), // AccountController#revokeToken
        rule("POST /admin/holidays", SYSTEM_ADMIN), // HolidayAdminController#upload
        rule("POST /admin/holidays/clear", SYSTEM_ADMIN), // HolidayAdminController#clear
        rule("POST /admin/notifications/lists", DEPT_ADMIN), // notification
        rule("POST /admin/notifications/lists/{id}", DEPT_ADMIN), // notification
        rule("POST /admin/notifications/senders", DEPT_ADMIN), // notification
        rule("POST /admin/notifications/senders/{id}", DEPT_ADMIN), // notification
        rule("POST /admin/staff/new", DEPT_ADMIN), // StaffAdminController#create
        rule("POST /admin/staff/{id}", DEPT_ADMIN), // StaffAdminController#update
        rule("POST /admin/staff/{id}/reset-2fa", DEPT_ADMIN), // StaffAdminController#resetTwoFactor
        rule("POST /api/v1/bookings", API_RESIDENT), // ReservationApiController#book
        rule("POST /api/v1/notices", API_SCOPED), // notification
        rule("POST /api/v1/notification/unsubscribe/{token}", API_PUBLIC), // notification
        rule("POST /api/v1/reports", API_PUBLIC), // ReportApiController#create
        rule("POST /api/v1/subscriptions", API_PUBLIC), // notification
        rule("POST /audit/verify", AUDITOR), // AuditController#verify
        rule("POST /login/2fa", SECOND_FACTOR_PENDING), // LoginController#verifySecondFactor
        rule("POST /login/2fa/setup", SECOND_FACTOR_PENDING), // LoginController#confirmSetup
        rule("POST /notifications/confirm/{token}", PUBLIC), // notification
        rule("POST /notifications/join", PUBLIC), // notification
        rule("POST /notifications/manage/{token}", PUBLIC), // notification
        rule("POST /notifications/manage/{token}/end", PUBLIC), // notification
        rule("POST /notifications/stop/{token}", PUBLIC), // notification
        rule("POST /notifications/subscribe", PUBLIC), // notification
        rule("POST /notifications/unsubscribe/{token}", PUBLIC), // notification
        rule("POST /password/forgot", PUBLIC), // RegistrationController#requestReset
        rule("POST /password/reset", PUBLIC), // RegistrationController#reset
        rule("POST /register", PUBLIC), // RegistrationController#register
        rule("POST /register/resend", PUBLIC), // RegistrationController#resend
        rule("POST /claim", PUBLIC), // ClaimController#claim
        rule("POST /reports/new/check", PUBLIC), // ReportController#confirm
        rule("POST /reports/new/follow/{id}", PUBLIC), // ReportController#followInstead
        rule("POST /reports/new/{code}", PUBLIC), // ReportController#send
        rule("POST /reservations/lottery/rounds/{id}/verify", PUBLIC), // LotteryController#verifyPasted
        rule("POST /staff/facilities/categories", SYSTEM_ADMIN), // FacilityCategoryController#create
        rule("POST /staff/facilities/categories/{code}", STAFF), // FacilityCategoryController#update
        rule("POST /staff/facilities/import", STAFF), // FacilityImportController#upload
        rule("POST /staff/facilities/import/{token}/apply", STAFF), // FacilityImportController#apply
        rule("POST /staff/facilities/import/{token}/cancel", STAFF), // FacilityImportController#cancel
        rule("POST /staff/facilities/new", STAFF), // FacilityStaffController#create
        rule("POST /staff/facilities/{id}", STAFF), // FacilityStaffController#update
        rule("POST /staff/facilities/{id}/exceptions", STAFF), // FacilityStaffController#addException
        rule("POST /staff/facilities/{id}/exceptions/{exceptionId}/delete", STAFF), // FacilityStaffController#deleteException
        rule("POST /staff/facilities/{id}/hours", STAFF), // FacilityStaffController#saveHours
        rule("POST /staff/facilities/{id}/photos", STAFF), // FacilityPhotoStaffController#add
        rule("POST /staff/facilities/{id}/photos/{photoId}", STAFF), // FacilityPhotoStaffController#describe
        rule("POST /staff/facilities/{id}/photos/{photoId}/delete", STAFF), // FacilityPhotoStaffController#delete
        rule("POST /staff/facilities/{id}/photos/{photoId}/move", STAFF), // FacilityPhotoStaffController#move
        rule("POST /staff/facilities/{id}/rooms", STAFF), // FacilityStaffController#addRoom
        rule("POST /staff/facilities/{id}/rooms/{roomId}", STAFF), // FacilityStaffController#updateRoom
        rule("POST /staff/facilities/{id}/rooms/{roomId}/delete", STAFF), // FacilityStaffController#deleteRoom
        rule("POST /staff/notifications/eligibility/{id}", DESIGNATED_STAFF), // notification
        rule("POST /staff/notifications/lists/{id}/code", STAFF), // notification
        rule("POST /staff/notifications/new", DESIGNATED_STAFF), // notification
        rule("POST /staff/notifications/rules/{code}", DESIGNATED_STAFF), // notification
        rule("POST /staff/notifications/topics", DESIGNATED_STAFF), // notification
        rule("POST /staff/notifications/{id}/edit", STAFF), // notification
        rule("POST /staff/notifications/{id}/{action:send|approve|cancel}", STAFF), // notification
        rule("POST /staff/proxy/end", STAFF), // ResidentDeskController#endProxy
        rule("POST /staff/reports/api-keys", STAFF), // Open311ApiKeyController#issue
        rule("POST /staff/reports/api-keys/{id}/revoke", STAFF), // Open311ApiKeyController#revoke
        rule("POST /staff/reports/{id}/assign", STAFF), // StaffReportController#assign
        rule("POST /staff/reports/{id}/move", STAFF), // StaffReportController#move
        rule("POST /staff/reports/{id}/photos", STAFF), // StaffReportController#afterPhoto
        rule("POST /staff/reports/{id}/photos/{n}/redact", STAFF), // StaffReportController#redact
        rule("POST /staff/reports/{id}/publish", STAFF), // StaffReportController#publish
        rule("POST /staff/reports/{id}/status", STAFF), // StaffReportController#status
        rule("POST /staff/reports/{id}/updates", STAFF), // StaffReportController#update
        rule("POST /staff/reservations/blocks", STAFF), // BlockStaffController#create
        rule("POST /staff/reservations/blocks/{id}/remove", STAFF), // BlockStaffController#remove
        rule("POST /staff/reservations/bookings/{id}/cancel", STAFF), // ReservationStaffController#cancel
        rule("POST /staff/reservations/bookings/{id}/check-in", STAFF), // MoneyStaffController#checkIn
        rule("POST /staff/reservations/bookings/{id}/no-show", STAFF), // MoneyStaffController#noShow
        rule("POST /staff/reservations/bookings/{id}/paid", STAFF), // ReservationStaffController#markPaid
        rule("POST /staff/reservations/bookings/{id}/reduction", STAFF), // MoneyStaffController#decide
        rule("POST /staff/reservations/eligibility", STAFF), // BlockStaffController#eligibility
        rule("POST /staff/reservations/groups/settings", STAFF), // GroupStaffController#settings
        rule("POST /staff/reservations/groups/{id}/approve", STAFF), // GroupStaffController#approve
        rule("POST /staff/reservations/groups/{id}/reject", STAFF), // GroupStaffController#reject
        rule("POST /staff/reservations/import", STAFF), // ImportController#upload
        rule("POST /staff/reservations/import/{id}/commit", STAFF), // ImportController#commit
        rule("POST /staff/reservations/lottery", STAFF), // LotteryStaffController#create
        rule("POST /staff/reservations/lottery/{id}/commit", STAFF), // LotteryStaffController#commit
        rule("POST /staff/reservations/lottery/{id}/draw", STAFF), // LotteryStaffController#draw
        rule("POST /staff/reservations/reductions/categories", STAFF), // ReductionCategoryStaffController#saveNew
        rule("POST /staff/reservations/reductions/categories/{code}", STAFF), // ReductionCategoryStaffController#saveExisting
        rule("POST /staff/reservations/rules/edit", STAFF), // MoneyStaffController#save
        rule("POST /staff/reservations/rules/parts", STAFF), // MoneyStaffController#saveParts
        rule("POST /staff/reservations/rules/slot-fees", STAFF), // MoneyStaffController#saveSlotFees
        rule("POST /staff/reservations/rules/slots", STAFF), // MoneyStaffController#saveSlots
        rule("POST /staff/residents/{id}/data", STAFF), // ResidentDeskController#disclose
        rule("POST /staff/residents/{id}/proxy", STAFF), // ResidentDeskController#startProxy
        rule("POST /staff/residents", STAFF), // ResidentDeskController#register
        rule("POST /staff/residents/{id}/claim-code", STAFF), // ResidentDeskController#claimCode
        rule("GET /account/reports", SIGNED_IN), // MyReportsController#mine
        rule("GET /api/v1/search", API_PUBLIC), // SearchApiController#search
        rule("GET /search", PUBLIC), // SearchController#results
        rule("GET /staff/search/synonyms", STAFF), // SynonymController#list
        rule("POST /staff/search/synonyms", STAFF), // SynonymController#add
        rule("POST /staff/search/synonyms/{id}", STAFF), // SynonymController#update
        rule("POST /staff/search/synonyms/{id}/delete", STAFF), // SynonymController#delete
        rule("GET /api/3", API_PUBLIC), // CkanController#version
        rule("GET /api/3/", API_PUBLIC), // CkanController#version
        rule("GET /api/3/action/{action}", API_PUBLIC), // CkanController#action
        rule("GET /api/action/{action}", API_PUBLIC), // CkanController#action
        rule("GET /catalog.jsonld", PUBLIC), // DcatController#catalog
        rule("GET /catalog.ttl", PUBLIC), // DcatController#catalog
        rule("GET /dataset/{name}", PUBLIC), // DcatController#page
        rule("GET /dataset/{name}.jsonld", PUBLIC), // DcatController#dataset
        rule("GET /dataset/{name}.ttl", PUBLIC), // DcatController#dataset
        rule("GET /open311/v2/discovery.{format}", PUBLIC), // Open311Endpoints#discovery
        rule("GET /open311/v2/requests.{format}", PUBLIC), // Open311Endpoints#requests
        rule("GET /open311/v2/requests/{service_request_id}.{format}", PUBLIC), // Open311Endpoints#request
        rule("GET /open311/v2/services.{format}", PUBLIC), // Open311Endpoints#services
        rule("GET /open311/v2/services/{service_code}.{format}", PUBLIC), // Open311Endpoints#serviceDefinition
        rule("GET /open311/v2/tokens/{token}.{format}", PUBLIC), // Open311Endpoints#token
        rule("GET /opendata", PUBLIC), // CatalogPageController#catalog
        rule("GET /opendata/datasets/{name}", PUBLIC), // CatalogPageController#dataset
        rule("GET /opendata/datasets/{name}/preview.geojson", PUBLIC), // CatalogPageController#previewGeoJson
        rule("GET /opendata/datasets/{name}/versions/{version:[0-9]{1,6}}.csv", PUBLIC), // FileController#version
        rule("GET /opendata/files/{fileName:.+}", PUBLIC), // FileController#file
        rule("GET /staff/opendata", STAFF), // CatalogStaffController#index
        rule("GET /staff/opendata/datasets/{name}", STAFF), // CatalogStaffController#edit
        rule("GET /staff/opendata/datasets/{name}/upload", STAFF), // CatalogStaffController#uploadForm
        rule("GET /staff/opendata/new", STAFF), // CatalogStaffController#newForm
        rule("HEAD /api/3/action/{action}", API_PUBLIC), // CkanController#action
        rule("HEAD /api/action/{action}", API_PUBLIC), // CkanController#action
        rule("POST /api/3/action/{action}", API_PUBLIC), // CkanController#action
        rule("POST /api/action/{action}", API_PUBLIC), // CkanController#action
        rule("POST /open311/v2/requests.{format}", PUBLIC), // Open311Endpoints#create
        rule("POST /staff/opendata/datasets/{name}", STAFF), // CatalogStaffController#save
        rule("POST /staff/opendata/datasets/{name}/upload", STAFF), // CatalogStaffController#upload
        rule("POST /staff/opendata/new", STAFF), // CatalogStaffController#create
        rule("GET /account/inquiries", SIGNED_IN), // InquiryThreadController#mine
        rule("GET /account/inquiries/{id}", SIGNED_IN), // InquiryThreadController#ownThread
        rule("GET /account/inquiries/{id}/files/{file}", SIGNED_IN), // InquiryThreadController#ownFile
        rule("POST /account/inquiries/{id}", SIGNED_IN), // InquiryThreadController#ownWrite
        rule("GET /api/v1/faq/{id}", API_PUBLIC), // FaqApiController#entry
        rule("GET /children", PUBLIC), // ChildController#start
        rule("GET /children/started", PUBLIC), // ChildController#started
        rule("GET /children/t/{token}", PUBLIC), // ChildController#thread
        rule("POST /children", PUBLIC), // ChildController#send
        rule("POST /children/t/{token}", PUBLIC), // ChildController#write
        rule("GET /faq", PUBLIC), // FaqController#list
        rule("GET /faq/{id}", PUBLIC), // FaqController#show
        rule("POST /faq/{id}/feedback", PUBLIC), // FaqController#feedback
        rule("GET /inquiries/lost", PUBLIC), // InquiryThreadController#lost
        rule("GET /inquiries/new", PUBLIC), // InquiryDeskController#start
        rule("GET /inquiries/sent", PUBLIC), // InquiryDeskController#sent
        rule("GET /inquiries/t/{token}", PUBLIC), // InquiryThreadController#tokenThread
        rule("GET /inquiries/t/{token}/files/{file}", PUBLIC), // InquiryThreadController#tokenFile
        rule("POST /inquiries", PUBLIC), // InquiryDeskController#send
        rule("POST /inquiries/lost", PUBLIC), // InquiryThreadController#lostSend
        rule("POST /inquiries/new", PUBLIC), // InquiryDeskController#check
        rule("POST /inquiries/resolved", PUBLIC), // InquiryDeskController#resolved
        rule("POST /inquiries/t/{token}", PUBLIC), // InquiryThreadController#tokenWrite
        rule("GET /staff/children", STAFF), // StaffChildController#queue
        rule("GET /staff/children/{id}", DESIGNATED_STAFF), // StaffChildController#show
        rule("POST /staff/children/{id}/close", DESIGNATED_STAFF), // StaffChildController#close
        rule("POST /staff/children/{id}/reply", DESIGNATED_STAFF), // StaffChildController#reply
        rule("GET /staff/faq", STAFF), // StaffFaqController#list
        rule("GET /staff/faq/new", STAFF), // StaffFaqController#create
        rule("GET /staff/faq/stats", STAFF), // FaqStatsController#stats
        rule("GET /staff/faq/{id}", STAFF), // StaffFaqController#edit
        rule("POST /staff/faq/new", STAFF), // StaffFaqController#createSave
        rule("POST /staff/faq/{id}", STAFF), // StaffFaqController#save
        rule("POST /staff/faq/{id}/archive", STAFF), // StaffFaqController#archive
        rule("POST /staff/faq/{id}/publish", STAFF), // StaffFaqController#publish
        rule("GET /staff/inquiries", STAFF), // StaffInquiryController#queue
        rule("GET /staff/inquiries/new", STAFF), // StaffInquiryController#proxyForm
        rule("GET /staff/inquiries/templates", STAFF), // StaffInquiryController#templates
        rule("GET /staff/inquiries/{id}", STAFF), // StaffInquiryController#show
        rule("GET /staff/inquiries/{id}/files/{file}", STAFF), // StaffInquiryController#file
        rule("POST /staff/inquiries/new", STAFF), // StaffInquiryController#proxySend
        rule("POST /staff/inquiries/templates", STAFF), // StaffInquiryController#addTemplate
        rule("POST /staff/inquiries/templates/{id}/delete", STAFF), // StaffInquiryController#deleteTemplate
        rule("POST /staff/inquiries/{id}/assign", STAFF), // StaffInquiryController#assign
        rule("POST /staff/inquiries/{id}/close", STAFF), // StaffInquiryController#close
        rule("POST /staff/inquiries/{id}/faq", STAFF), // StaffInquiryController#toFaq
        rule("POST /staff/inquiries/{id}/note", STAFF), // StaffInquiryController#note
        rule("POST /staff/inquiries/{id}/reply", STAFF), // StaffInquiryController#reply
        rule("POST /staff/inquiries/{id}/transfer", STAFF) // StaffInquiryController#transfer
        // ROUTES-END
    );

    @Autowired WebApplicationContext context;
    @Autowired List<RequestMappingInfoHandlerMapping> mappings;
    @Autowired JdbcClient jdbc;

    MockMvc mvc;

    @BeforeEach
    void setUp() {
        mvc = StaffLogin.mockMvc(context);
    }

    /** Every route the application answers: "METHOD /pattern" with its handler. */
    Map<String, String> routes() {
        Map<String, String> routes = new TreeMap<>();
        for (RequestMappingInfoHandlerMapping mapping : mappings) {
            for (Map.Entry<RequestMappingInfo, HandlerMethod> e : mapping.getHandlerMethods().entrySet()) {
                RequestMappingInfo info = e.getKey();
                var methods = info.getMethodsCondition().getMethods();
                List<String> names = methods.isEmpty() ? List.of("ANY")
                    : methods.stream().map(Enum::name).sorted().toList();
                for (String pattern : info.getPatternValues()) {
                    for (String m : names) {
                        routes.put(m + " " + pattern, e.getValue().getBeanType().getSimpleName() + "#"
                            + e.getValue().getMethod().getName());
                    }
                }
            }
        }
        return routes;
    }

    @Test
    void everyRouteHasARule() {
        Map<String, Access> rules = new LinkedHashMap<>();
        for (Rule r : RULES) {
            assertThat(rules.put(r.route(), r.access())).as("two rows for " + r.route()).isNull();
        }
        Map<String, String> routes = routes();
        List<String> missing = new ArrayList<>();
        routes.forEach((route, handler) -> {
            if (!rules.containsKey(route)) {
                missing.add("        rule(\"" + route + "\", " + guess(route) + "), // " + handler);
            }
        });
        List<String> stale = rules.keySet().stream().filter(r -> !routes.containsKey(r)).toList();
        assertThat(missing).as("""
            These routes have no authorization rule. Add each line to RULES in %s (check the access level: it is a \
            guess from the path), and give the route its rule in the security configuration or controller:
            %s
            """.formatted(getClass().getName(), String.join("\n", missing))).isEmpty();
        assertThat(stale).as("These rows in RULES match no route any more; remove or rename them: " + stale).isEmpty();
    }

    @Test
    void everyCallerIsRefusedOrAllowedAsTheRulesSay() throws Exception {
        Map<String, String> routes = routes();
        List<String> wrong = new ArrayList<>();
        for (Rule r : RULES) {
            if (r.access() == Access.NOT_WALKED || !routes.containsKey(r.route())) {
                continue;
            }
            boolean write = !r.route().startsWith("GET ") && !r.route().startsWith("ANY ");
            for (Caller caller : Caller.values()) {
                Boolean allowed = expected(r.access(), caller, r.route());
                // writes are sent only to callers who must be refused: an allowed one would change shared test data
                if (allowed == null || write && allowed) {
                    continue;
                }
                MockHttpServletResponse response = mvc.perform(request(r.route(), caller)).andReturn().getResponse();
                boolean refused = refused(response);
                if (refused == allowed) {
                    wrong.add(r.route() + " as " + caller + ": expected " + (allowed ? "allowed" : "refused") + ", got "
                        + response.getStatus() + (response.getRedirectedUrl() == null ? "" : " → " + response.getRedirectedUrl()));
                }
            }
        }
        assertThat(wrong).as("Callers let in or kept out against the rules:\n" + String.join("\n", wrong)).isEmpty();
    }

    /** Refused: 401, 403, or a redirect to the sign-in or the second factor. */
    static boolean refused(MockHttpServletResponse r) {
        String to = r.getRedirectedUrl();
        return r.getStatus() == 401 || r.getStatus() == 403
            || to != null && (to.endsWith("/login") || to.contains("/login?") || to.contains("/login/2fa"));
    }

    /** True: must pass, false: must be refused, null: not checked for this caller. */
    static Boolean expected(Access access, Caller caller, String route) {
        boolean api = route.substring(route.indexOf(' ') + 1).startsWith("/api/");
        boolean token = caller == Caller.RESIDENT_TOKEN;
        boolean staff = switch (caller) {
            case STAFF, STAFF_OTHER_DEPARTMENT, DEPT_ADMIN, SYSTEM_ADMIN, AUDITOR -> true;
            default -> false;
        };
        return switch (access) {
            case PUBLIC -> !token || api;
            case SIGNED_IN -> caller != Caller.ANONYMOUS && !token;
            case STAFF -> staff;
            case DESIGNATED_STAFF -> staff ? null : Boolean.FALSE;
            case RESIDENT_PAGE -> caller == Caller.RESIDENT;
            case DEPT_ADMIN -> caller == Caller.DEPT_ADMIN || caller == Caller.SYSTEM_ADMIN;
            case SYSTEM_ADMIN -> caller == Caller.SYSTEM_ADMIN;
            case AUDITOR -> caller == Caller.AUDITOR;
            case SECOND_FACTOR_PENDING -> caller == Caller.ANONYMOUS || token || caller == Caller.RESIDENT ? false : null;
            case API_PUBLIC -> true;
            case API_RESIDENT -> caller == Caller.RESIDENT || token ? Boolean.TRUE : caller == Caller.ANONYMOUS ? false : null;
            case METRICS -> caller == Caller.SYSTEM_ADMIN;
            case API_SCOPED -> caller == Caller.ANONYMOUS || caller == Caller.RESIDENT || token ? Boolean.FALSE : null;
            case NOT_WALKED -> null;
        };
    }

    MockHttpServletRequestBuilder request(String route, Caller caller) {
        String method = route.substring(0, route.indexOf(' '));
        String path = route.substring(route.indexOf(' ') + 1).replaceAll("\\{[^}]+}", "999999999");
        MockHttpServletRequestBuilder b = MockMvcRequestBuilders.request(
            HttpMethod.valueOf("ANY".equals(method) ? "GET" : method), path);
        b.header("Accept", path.startsWith("/api/") ? "application/json" : "text/html");
        RequestPostProcessor who = switch (caller) {
            case ANONYMOUS -> null;
            case RESIDENT -> SignedIn.resident(id("resident@demo.machi.example"));
            case STAFF_OTHER_DEPARTMENT -> StaffLogin.staff(jdbc);
            case STAFF -> StaffLogin.as(jdbc, "staff@demo.machi.example", "STAFF");
            case DEPT_ADMIN -> StaffLogin.as(jdbc, "staff@demo.machi.example", "DEPT_ADMIN", "STAFF");
            case SYSTEM_ADMIN -> StaffLogin.admin(jdbc);
            case AUDITOR -> StaffLogin.as(jdbc, "auditor@demo.machi.example", "AUDITOR", "STAFF");
            case RESIDENT_TOKEN -> null;
        };
        if (who != null) {
            b.with(who).with(csrf());
        }
        if (caller == Caller.RESIDENT_TOKEN) {
            b.header("Authorization", "Bearer demo-resident-token");
        }
        return b;
    }

    long id(String email) {
        return jdbc.sql("select id from account where lower(email) = lower(?)").param(email).query(Long.class).single();
    }

    /** A first guess of a new route's access level, for the failure message. */
    static String guess(String route) {
        String path = route.substring(route.indexOf(' ') + 1);
        if (path.startsWith("/audit")) {
            return "AUDITOR";
        }
        if (path.startsWith("/admin")) {
            return "DEPT_ADMIN";
        }
        if (path.startsWith("/staff")) {
            return "STAFF";
        }
        if (path.startsWith("/account")) {
            return "SIGNED_IN";
        }
        if (path.startsWith("/api/")) {
            return "API_PUBLIC";
        }
        if (path.startsWith("/actuator")) {
            return "METRICS";
        }
        return "PUBLIC";
    }
}

// libpq, loaded the first time a PostgreSQL case base is opened rather than when the program
// starts. Linking it made every run map and relocate the client library and the two dozen it
// needs (TLS, Kerberos, LDAP): about 3 ms of each start-up, for the few runs that use
// PostgreSQL at all. The header still gives libpq's types; the functions come from here.
#pragma once

#include <libpq-fe.h>

namespace mpadvisor::casebase::pg {

struct Libpq {
  decltype(&::PQconnectdb) connectdb = nullptr;
  decltype(&::PQfinish) finish = nullptr;
  decltype(&::PQstatus) status = nullptr;
  decltype(&::PQerrorMessage) error_message = nullptr;
  decltype(&::PQsetNoticeProcessor) set_notice_processor = nullptr;
  decltype(&::PQexec) exec = nullptr;
  decltype(&::PQexecParams) exec_params = nullptr;
  decltype(&::PQprepare) prepare = nullptr;
  decltype(&::PQexecPrepared) exec_prepared = nullptr;
  decltype(&::PQresultStatus) result_status = nullptr;
  decltype(&::PQresultErrorMessage) result_error_message = nullptr;
  decltype(&::PQresultErrorField) result_error_field = nullptr;
  decltype(&::PQclear) clear = nullptr;
  decltype(&::PQntuples) ntuples = nullptr;
  decltype(&::PQgetvalue) getvalue = nullptr;
  decltype(&::PQgetlength) getlength = nullptr;
  decltype(&::PQgetisnull) getisnull = nullptr;
};

// The library's functions, loaded once (thread-safe). Error(Errc::database) naming the library
// and the package to install when it cannot be loaded; the next call tries again.
const Libpq& libpq();

}  // namespace mpadvisor::casebase::pg
